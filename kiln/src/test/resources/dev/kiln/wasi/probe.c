/*
 * probe: a WASI command that exercises one area of WASI per mode, for Kiln's WASI and CLI
 * tests. Usage: probe MODE [ARGS...]; see main() for the modes. Built by ./build.sh with
 *   clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug -o probe.wasm probe.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;

static int args(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    return 0;
}

static int env(void) {
    int n = 0;
    for (char **e = environ; *e; e++, n++) printf("%s\n", *e);
    printf("count=%d\n", n);
    return 0;
}

/* Copies stdin to stdout with read(2)/write(2), then reports the byte count on stderr. */
static int cat(void) {
    char buf[7]; /* small on purpose: many reads, and many short ones */
    long total = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        write(1, buf, (size_t)n);
        total += n;
    }
    fprintf(stderr, "read %ld bytes, last read returned %ld\n", total, (long)n);
    return 0;
}

/* No newline: the text sits in libc's stdout buffer until exit() flushes it. */
static int bye(const char *code) {
    printf("bye");
    exit(atoi(code));
}

__attribute__((noinline)) static void crash(void) { __builtin_trap(); }
__attribute__((noinline)) static void about_to_crash(void) {
    printf("about to trap\n");
    crash();
}

static int stdio(void) {
    for (int fd = 0; fd <= 2; fd++) {
        __wasi_fdstat_t st;
        __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
        printf("fd%d fdstat=%d type=%d isatty=%d\n", fd, e, st.fs_filetype, isatty(fd));
    }
    __wasi_filesize_t pos;
    printf("seek=%d\n", __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos));
    printf("tell=%d\n", __wasi_fd_tell(1, &pos));
    __wasi_prestat_t pre;
    printf("prestat3=%d\n", __wasi_fd_prestat_get(3, &pre));
    printf("sync=%d\n", __wasi_fd_sync(1));
    __wasi_ciovec_t iov = {(const uint8_t *)"x", 1};
    __wasi_size_t written;
    printf("write99=%d\n", __wasi_fd_write(99, &iov, 1, &written));
    return 0;
}

static int clocks(void) {
    __wasi_timestamp_t t, prev = 0, res;
    if (__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t)) return 1;
    printf("realtime after 2020: %d\n", t / 1000000000ull > 1577836800ull);
    int monotonic = 1;
    for (int i = 0; i < 1000; i++) {
        if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t)) return 1;
        monotonic &= t >= prev;
        prev = t;
    }
    printf("monotonic: %d\n", monotonic);
    printf("res=%d\n", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res));
    printf("cputime=%d\n", __wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &t));
    printf("bad clock=%d\n", __wasi_clock_time_get(99, 1, &t));
    return 0;
}

static int random_bytes(void) {
    uint8_t buf[16];
    __wasi_errno_t e = __wasi_random_get(buf, sizeof buf);
    printf("random=%d ", e);
    for (size_t i = 0; i < sizeof buf; i++) printf("%02x", buf[i]);
    printf("\n");
    return 0;
}

/* After close(1), stdout is gone: writing to it is EBADF. */
static int close_stdout(void) {
    printf("closing\n");
    int r = close(1);
    __wasi_ciovec_t iov = {(const uint8_t *)"x", 1};
    __wasi_size_t written;
    fprintf(stderr, "close=%d write=%d\n", r, __wasi_fd_write(1, &iov, 1, &written));
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "args")) return args(argc, argv);
    if (!strcmp(mode, "env")) return env();
    if (!strcmp(mode, "cat")) return cat();
    if (!strcmp(mode, "exit") && argc > 2) return bye(argv[2]);
    if (!strcmp(mode, "trap")) about_to_crash();
    if (!strcmp(mode, "stdio")) return stdio();
    if (!strcmp(mode, "clock")) return clocks();
    if (!strcmp(mode, "random")) return random_bytes();
    if (!strcmp(mode, "close")) return close_stdout();
    fprintf(stderr, "usage: probe args|env|cat|exit CODE|trap|stdio|clock|random|close\n");
    return 2;
}
