#ifndef MESHWORK_CGRAPHVIZ_SHIM_H
#define MESHWORK_CGRAPHVIZ_SHIM_H
// Graphviz's gvc (layout and rendering) and cgraph (graphs) C API, from libgraphviz-dev
// (pkg-config libgvc adds -I/usr/include/graphviz).
//
// MeshworkRender hands Graphviz whole DOT documents (agmemread), so it uses none of cgraph's
// C globals (Agundirected, ...) nor its non-const `char *` setters (agnode, agsafeset, ...).
// Code that needs them must add them here: static inline accessors that return the globals by
// value (Swift 6 rejects them as shared mutable state) and const-casting wrappers for the
// setters (cgraph only reads or copies those strings; UnsafeMutablePointer(mutating:) on a
// Swift String dangles).
#include <gvc.h>
#include <cgraph.h>
#endif
