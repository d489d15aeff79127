#ifndef LESSONS_CPROCESSSPAWN_H
#define LESSONS_CPROCESSSPAWN_H

#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np, which glibc declares only under _GNU_SOURCE and Swift's
/// Glibc module therefore does not show: the child changes to `path` before it starts.
int lessons_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no other spawned program inherits, created in one
/// step so that a spawn on another thread cannot slip in between.
int lessons_pipe_cloexec(int fds[2]);

#endif
