#include "signal_cleanup.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 256
#define PATH_BYTES 4096

enum { FREE = 0, FILLING = 1, ARMED = 2 };

static char paths[SLOTS][PATH_BYTES];
static atomic_int states[SLOTS];
static atomic_int installed;

static const int handled[] = { SIGINT, SIGTERM, SIGHUP };

static void on_signal(int sig) {
    int saved = errno;
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load(&states[i]) == ARMED) unlink(paths[i]);
    }
    // SA_RESETHAND restored the default action; SA_NODEFER lets it act now.
    raise(sig);
    errno = saved;
}

static void install(void) {
    int expected = 0;
    if (!atomic_compare_exchange_strong(&installed, &expected, 1)) return;
    for (unsigned i = 0; i < sizeof handled / sizeof handled[0]; i++) {
        struct sigaction old;
        if (sigaction(handled[i], NULL, &old) != 0) continue;
        if (old.sa_handler != SIG_DFL) continue;  // ignored (nohup) or someone else's handler
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND | SA_NODEFER;
        sigaction(handled[i], &action, NULL);
    }
}

int meshwork_cleanup_register(const char *path) {
    size_t length = strlen(path);
    if (length >= PATH_BYTES) return -1;
    install();
    for (int i = 0; i < SLOTS; i++) {
        int expected = FREE;
        if (atomic_compare_exchange_strong(&states[i], &expected, FILLING)) {
            memcpy(paths[i], path, length + 1);
            atomic_store(&states[i], ARMED);
            return i;
        }
    }
    return -1;
}

void meshwork_cleanup_unregister(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    atomic_store(&states[slot], FREE);
}
