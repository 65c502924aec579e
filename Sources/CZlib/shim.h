#ifndef MESHWORK_CZLIB_SHIM_H
#define MESHWORK_CZLIB_SHIM_H
#include <zlib.h>
#endif
