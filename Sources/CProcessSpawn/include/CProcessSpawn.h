#ifndef LESSONS_CPROCESSSPAWN_H
#define LESSONS_CPROCESSSPAWN_H

#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np, which glibc declares only under _GNU_SOURCE and Swift's
/// Glibc module therefore does not show: the child changes to `path` before it starts.
int lessons_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
