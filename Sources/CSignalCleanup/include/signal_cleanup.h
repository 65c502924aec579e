#ifndef MESHWORK_SIGNAL_CLEANUP_H
#define MESHWORK_SIGNAL_CLEANUP_H

/// Temporary files to remove if the process is ended by SIGINT, SIGTERM or SIGHUP.
///
/// The handler only calls unlink(2), sigaction(2) and raise(3), all async-signal-safe, on paths
/// copied into a fixed table beforehand; then it lets the signal end the process as it would
/// have (the shell sees the usual status). Signals that are ignored when the first path is
/// registered (nohup) stay ignored. SIGKILL cannot be caught: the next write of the same target
/// sweeps what it left (see OutputFile in MeshworkIO).

/// Registers `path` (at most 4,095 bytes) and installs the handlers on first use. Returns a slot
/// to pass to meshwork_cleanup_unregister, or -1 when the table is full or the path too long
/// (the file is then not removed on a signal).
int meshwork_cleanup_register(const char *path);

/// Forgets a slot returned by meshwork_cleanup_register (a negative slot is ignored).
void meshwork_cleanup_unregister(int slot);

#endif
