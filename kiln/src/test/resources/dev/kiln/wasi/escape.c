/*
 * escape: a WASI command that tries to leave its preopened directory in every way the sandbox
 * must refuse, and prints one line per attempt: "NAME: ok ..." or "NAME: errno N" (WASI errno
 * numbers, which are also wasi-libc's errno values). SandboxTest compares the whole output.
 *
 * The preopen is fd 3 ("/box"), laid out by the test:
 *   inside.txt, sub/, ok-link -> sub/../inside.txt
 *   abs-link -> <host path of outside/secret.txt>, up-link -> ../outside/secret.txt,
 *   dir-link -> ../outside, sub/deep-link -> ../../outside, loop-a <-> loop-b
 * and the host directory outside/ (with secret.txt) beside it.
 *
 * Most attempts are raw preview1 calls on fd 3, so that wasi-libc's own path handling cannot
 * hide what the runtime does; the last few go through libc as a C program would.
 * Built by ./build.sh.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#define BOX 3
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

static const __wasi_rights_t READ_RIGHTS = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_READDIR;

/* Prints the outcome of one attempt: ok, or the errno. */
static void report(const char *name, __wasi_errno_t errno_value) {
    if (errno_value == 0) {
        printf("%s: ok\n", name);
    } else {
        printf("%s: errno %d\n", name, errno_value);
    }
}

/* path_open of path in dir; on success prints what the file starts with and closes it. */
static void try_open(const char *name, __wasi_fd_t dir, __wasi_lookupflags_t lookup, const char *path,
                     __wasi_oflags_t oflags, __wasi_rights_t rights) {
    __wasi_fd_t fd;
    __wasi_errno_t e = __wasi_path_open(dir, lookup, path, oflags, rights, rights, 0, &fd);
    if (e != 0) {
        report(name, e);
        return;
    }
    char buf[32];
    __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf - 1};
    __wasi_size_t n = 0;
    if (!(oflags & __WASI_OFLAGS_DIRECTORY) && __wasi_fd_read(fd, &iov, 1, &n) == 0) {
        buf[n] = 0;
        buf[strcspn(buf, "\n")] = 0;
        printf("%s: ok \"%s\"\n", name, buf);
    } else {
        printf("%s: ok\n", name);
    }
    (void) __wasi_fd_close(fd);
}

static void try_read(const char *name, const char *path, __wasi_lookupflags_t lookup) {
    try_open(name, BOX, lookup, path, 0, READ_RIGHTS);
}

static void try_stat(const char *name, const char *path, __wasi_lookupflags_t lookup) {
    __wasi_filestat_t stat;
    report(name, __wasi_path_filestat_get(BOX, lookup, path, &stat));
}

/* The descriptor of a directory that is renamed, and then replaced by a link, while it is open. */
static void renamed_directory(void) {
    __wasi_fd_t sub;
    __wasi_errno_t e = __wasi_path_open(BOX, 0, "sub", __WASI_OFLAGS_DIRECTORY, READ_RIGHTS | __WASI_RIGHTS_PATH_OPEN
            | __WASI_RIGHTS_PATH_FILESTAT_GET, READ_RIGHTS, 0, &sub);
    if (e != 0) {
        report("renamed: open sub", e);
        return;
    }
    try_open("renamed: sub-fd ../inside.txt", sub, 0, "../inside.txt", 0, READ_RIGHTS);
    report("renamed: rename sub -> sub-moved", __wasi_path_rename(BOX, "sub", BOX, "sub-moved"));
    __wasi_filestat_t stat;
    report("renamed: sub-fd stat .", __wasi_path_filestat_get(sub, 0, ".", &stat));
    report("renamed: symlink sub -> dir-link", __wasi_path_symlink("dir-link", BOX, "sub"));
    try_open("renamed: sub-fd deep-link/secret.txt", sub, FOLLOW, "deep-link/secret.txt", 0, READ_RIGHTS);
    try_open("renamed: sub-fd .", sub, 0, ".", __WASI_OFLAGS_DIRECTORY, READ_RIGHTS);
    report("renamed: unlink sub", __wasi_path_unlink_file(BOX, "sub"));
    report("renamed: rename sub-moved -> sub", __wasi_path_rename(BOX, "sub-moved", BOX, "sub"));
    (void) __wasi_fd_close(sub);
}

/* What libc's readdir lists in the preopen: only the names inside, one line. */
static void list_box(void) {
    DIR *dir = opendir("/box");
    if (dir == NULL) {
        printf("list /box: errno %d\n", errno);
        return;
    }
    char names[512] = "";
    struct dirent *entry;
    int count = 0;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        strcat(names, count++ ? " " : "");
        strcat(names, entry->d_name);
    }
    closedir(dir);
    printf("list /box: %s\n", names);
}

/* Through libc, as a C program would: every result is the errno libc reports. */
static void with_libc(void) {
    struct stat st;
    FILE *f = fopen("/box/../outside/secret.txt", "r");
    printf("libc fopen /box/../outside/secret.txt: %s %d\n", f ? "opened" : "errno", f ? 0 : errno);
    if (f) fclose(f);
    printf("libc stat /box/dir-link/secret.txt: %d\n", stat("/box/dir-link/secret.txt", &st) == 0 ? 0 : errno);
    printf("libc opendir /box/..: %d\n", opendir("/box/..") ? 0 : errno);
    int fd = open("/box/up-link", O_WRONLY | O_TRUNC);
    printf("libc open /box/up-link for writing: %d\n", fd >= 0 ? 0 : errno);
    if (fd >= 0) close(fd);
    printf("libc open /etc/passwd: %d\n", open("/etc/passwd", O_RDONLY) >= 0 ? 0 : errno);
}

int main(void) {
    try_read("dotdot", "../outside/secret.txt", 0);
    try_read("dotdot missing", "../outside/missing.txt", 0);
    try_read("absolute", "/etc/passwd", 0);
    try_read("sub/../..", "sub/../../outside/secret.txt", 0);
    try_read("abs-link", "abs-link", FOLLOW);
    try_read("up-link", "up-link", FOLLOW);
    try_read("up-link nofollow", "up-link", 0);
    try_read("dir-link/secret.txt", "dir-link/secret.txt", FOLLOW);
    try_read("dir-link/missing.txt", "dir-link/missing.txt", FOLLOW);
    try_read("sub/deep-link/secret.txt", "sub/deep-link/secret.txt", FOLLOW);
    try_read("loop", "loop-a", FOLLOW);
    try_read("ok-link", "ok-link", FOLLOW);
    try_open("open ..", BOX, 0, "..", __WASI_OFLAGS_DIRECTORY, READ_RIGHTS);
    try_open("open dir-link", BOX, FOLLOW, "dir-link", __WASI_OFLAGS_DIRECTORY, READ_RIGHTS);
    try_stat("stat dotdot", "../outside/secret.txt", 0);
    try_stat("stat dotdot missing", "../outside/missing.txt", 0);
    try_stat("stat dir-link", "dir-link", FOLLOW);
    try_stat("stat abs-link nofollow", "abs-link", 0);
    try_open("create ../created.txt", BOX, 0, "../created.txt", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE);
    try_open("create dir-link/created.txt", BOX, FOLLOW, "dir-link/created.txt", __WASI_OFLAGS_CREAT,
             __WASI_RIGHTS_FD_WRITE);
    try_open("truncate up-link", BOX, FOLLOW, "up-link", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE);
    report("mkdir ../made", __wasi_path_create_directory(BOX, "../made"));
    report("mkdir dir-link/made", __wasi_path_create_directory(BOX, "dir-link/made"));
    report("unlink ../outside/secret.txt", __wasi_path_unlink_file(BOX, "../outside/secret.txt"));
    report("unlink dir-link/secret.txt", __wasi_path_unlink_file(BOX, "dir-link/secret.txt"));
    report("rmdir ../outside", __wasi_path_remove_directory(BOX, "../outside"));
    report("rename inside.txt -> ../stolen.txt", __wasi_path_rename(BOX, "inside.txt", BOX, "../stolen.txt"));
    report("rename ../outside/secret.txt -> got.txt", __wasi_path_rename(BOX, "../outside/secret.txt", BOX, "got.txt"));
    report("rename dir-link/secret.txt -> got.txt", __wasi_path_rename(BOX, "dir-link/secret.txt", BOX, "got.txt"));
    report("link up-link -> hard.txt", __wasi_path_link(BOX, FOLLOW, "up-link", BOX, "hard.txt"));
    report("link ../outside/secret.txt -> hard.txt", __wasi_path_link(BOX, 0, "../outside/secret.txt", BOX, "hard.txt"));
    report("symlink ../outside", __wasi_path_symlink("../outside", BOX, "my-link"));
    report("symlink /etc", __wasi_path_symlink("/etc", BOX, "my-link"));
    report("symlink sub/../../outside", __wasi_path_symlink("sub/../../outside", BOX, "my-link"));
    report("set times dir-link/secret.txt", __wasi_path_filestat_set_times(BOX, FOLLOW, "dir-link/secret.txt", 0, 0,
            __WASI_FSTFLAGS_MTIM_NOW));
    char target[64];
    __wasi_size_t used = 0;
    __wasi_errno_t e = __wasi_path_readlink(BOX, "up-link", (uint8_t *) target, sizeof target - 1, &used);
    target[e == 0 ? used : 0] = 0;
    printf("readlink up-link: %s\n", e == 0 ? target : "failed");
    renamed_directory();
    list_box();
    with_libc();
    printf("done\n");
    return 0;
}
