// ExperimentSupervisor: runs one program for `lessons` so that nothing the program starts
// outlives it, or outlives `lessons`, however either of them ends.
//
//     ExperimentSupervisor CONTROL_FD FILE_SIZE_LIMIT PROGRAM [ARGUMENTS...]
//
// - It becomes a child subreaper (Linux's PR_SET_CHILD_SUBREAPER): a process the program
//   started and then abandoned is re-parented to the supervisor instead of to init, so the
//   supervisor can still find it.
// - It starts PROGRAM in a process group of its own; standard input, output, error and the
//   working directory are inherited from the supervisor, which `lessons` set up. With a
//   FILE_SIZE_LIMIT above 0, no file the program writes may grow past that many bytes
//   (RLIMIT_FSIZE): a print loop is stopped by SIGXFSZ before it fills the disk.
// - When PROGRAM ends, it kills what is left of that group and every remaining descendant,
//   then ends as PROGRAM did: the same exit status, or death by the same signal.
// - CONTROL_FD is the read end of a pipe whose write end only `lessons` holds. A byte on it
//   (a timeout, Ctrl-C) or its end of file (`lessons` is gone: closed terminal, SIGKILL, a
//   crash — the kernel closes the pipe whatever happened) makes the supervisor kill the whole
//   tree at once and exit.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t program_group = 0;

// Sends SIGKILL to every process whose parent is this one (the program's orphans, now ours).
static void kill_children(void) {
    DIR *proc = opendir("/proc");
    if (!proc) return;
    pid_t self = getpid();
    struct dirent *entry;
    while ((entry = readdir(proc)) != NULL) {
        char *end;
        long pid = strtol(entry->d_name, &end, 10);
        if (*end != '\0' || pid <= 0) continue;
        char path[64];
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        FILE *file = fopen(path, "r");
        if (!file) continue;
        char line[1024];
        size_t length = fread(line, 1, sizeof line - 1, file);
        fclose(file);
        line[length] = '\0';
        // "pid (command) state ppid ...": the command may hold spaces and parentheses, so
        // read from the last closing parenthesis.
        char *close = strrchr(line, ')');
        if (!close) continue;
        char state;
        long parent;
        if (sscanf(close + 1, " %c %ld", &state, &parent) == 2 && parent == self) kill((pid_t)pid, SIGKILL);
    }
    closedir(proc);
}

// Kills the program's group and every descendant, and reaps them all.
static void kill_everything(void) {
    for (;;) {
        if (program_group > 0) kill(-program_group, SIGKILL);
        kill_children();
        int status;
        pid_t reaped;
        while ((reaped = waitpid(-1, &status, WNOHANG)) > 0) {}
        if (reaped < 0 && errno == ECHILD) return;
        usleep(1000);
    }
}

// Ends this process the way the program ended.
static void finish(int status) {
    if (WIFSIGNALED(status)) {
        int signal_number = WTERMSIG(status);
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        signal(signal_number, SIG_DFL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, signal_number);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(signal_number);
        _exit(128 + signal_number);
    }
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s CONTROL_FD FILE_SIZE_LIMIT PROGRAM [ARGUMENTS...]\n", argv[0]);
        return 2;
    }
    int control = atoi(argv[1]);
    long long file_size_limit = atoll(argv[2]);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) perror("ExperimentSupervisor: PR_SET_CHILD_SUBREAPER");
    // If `lessons` died before this line, the pipe's end of file below still reports it.
    pid_t program = fork();
    if (program < 0) {
        perror("ExperimentSupervisor: fork");
        return 2;
    }
    if (program == 0) {
        setpgid(0, 0);
        close(control);
        // The program starts with every signal at its default and none blocked, whatever
        // `lessons` or its caller ignored or blocked (an ignored SIGXFSZ would let a print
        // loop run on past the file size limit; an ignored SIGPIPE or SIGINT would surprise).
        for (int number = 1; number < NSIG; number++) {
            if (number != SIGKILL && number != SIGSTOP) signal(number, SIG_DFL);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (file_size_limit > 0) {
            struct rlimit limit = {(rlim_t)file_size_limit, (rlim_t)file_size_limit};
            setrlimit(RLIMIT_FSIZE, &limit);
        }
        execv(argv[3], argv + 3);
        fprintf(stderr, "cannot start %s: %s\n", argv[3], strerror(errno));
        _exit(127);
    }
    setpgid(program, program);
    program_group = program;
    struct pollfd watch = {.fd = control, .events = POLLIN};
    for (;;) {
        int ready = poll(&watch, 1, 20);
        if (ready > 0) {
            char request;
            ssize_t count = read(control, &request, 1);
            if (count >= 0 || (errno != EINTR && errno != EAGAIN)) {
                // Asked to stop, or `lessons` is gone: nothing may keep running.
                kill_everything();
                if (count > 0) {
                    signal(SIGKILL, SIG_DFL);
                    raise(SIGKILL);
                }
                _exit(125);
            }
        }
        int status;
        pid_t reaped;
        while ((reaped = waitpid(-1, &status, WNOHANG)) > 0) {
            if (reaped == program) {
                kill_everything();
                finish(status);
            }
        }
    }
}
