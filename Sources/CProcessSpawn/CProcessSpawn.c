#define _GNU_SOURCE
#include "CProcessSpawn.h"
#include <fcntl.h>
#include <unistd.h>

int lessons_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int lessons_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}
