/*
 * httpd: a tiny HTTP/1.0 server over the preopened listening socket, for SocketTest.
 * Usage: httpd CONNECTIONS. Finds the listener (the first descriptor from 3 on that is a
 * socket), then serves CONNECTIONS connections one after another: accepts, reads the request
 * head with read(2) until the blank line, answers "HTTP/1.0 200 OK", a text/plain header and
 * the request head as the body, shuts the connection down and closes it. Exits 0 after the
 * last, 1 on any failure (with the reason on stderr). Built by ./build.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static const char HEADER[] = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n";

static int fail(const char *what, int errno_value) {
    fprintf(stderr, "httpd: %s: errno %d\n", what, errno_value);
    return 1;
}

/* The first socket descriptor after the standard streams, or -1. */
static int find_listener(void) {
    for (int fd = 3; fd < 64; fd++) {
        __wasi_fdstat_t stat;
        __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &stat);
        if (e == __WASI_ERRNO_BADF) return -1;
        if (e == 0 && stat.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM) return fd;
    }
    return -1;
}

/* Writes all of buf[0..length), as write(2) may take less. */
static int write_all(int fd, const char *buf, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, buf, length);
        if (n < 0) return -1;
        buf += n;
        length -= (size_t) n;
    }
    return 0;
}

/* Reads the request head (up to the blank line) into request; its length, or -1. */
static ssize_t read_head(int fd, char *request, size_t capacity) {
    size_t used = 0;
    while (used < capacity - 1) {
        ssize_t n = read(fd, request + used, capacity - 1 - used);
        if (n < 0) return -1;
        if (n == 0) break;
        used += (size_t) n;
        request[used] = 0;
        if (strstr(request, "\r\n\r\n") != NULL) break;
    }
    return (ssize_t) used;
}

int main(int argc, char **argv) {
    int connections = argc > 1 ? atoi(argv[1]) : 1;
    int listener = find_listener();
    if (listener < 0) return fail("no listening socket", __WASI_ERRNO_BADF);
    static char request[8192];
    for (int served = 0; served < connections; served++) {
        __wasi_fd_t connection;
        __wasi_errno_t e = __wasi_sock_accept(listener, 0, &connection);
        if (e != 0) return fail("sock_accept", e);
        ssize_t length = read_head(connection, request, sizeof request);
        if (length < 0) return fail("read", errno);
        if (write_all(connection, HEADER, strlen(HEADER)) < 0 || write_all(connection, request, (size_t) length) < 0) {
            return fail("write", errno);
        }
        e = __wasi_sock_shutdown(connection, __WASI_SDFLAGS_WR);
        if (e != 0) return fail("sock_shutdown", e);
        close(connection);
    }
    return 0;
}
