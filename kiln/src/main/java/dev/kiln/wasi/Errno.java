package dev.kiln.wasi;

/**
 * The {@code errno} values of {@code wasi_snapshot_preview1}, numbered exactly as the
 * specification (and wasi-libc's {@code __WASI_ERRNO_*}) numbers them. Every preview1 function
 * that returns a value returns one of these.
 */
final class Errno {

    private Errno() {}

    static final int SUCCESS = 0;
    static final int TOO_BIG = 1; // E2BIG
    static final int ACCES = 2;
    static final int ADDRINUSE = 3;
    static final int ADDRNOTAVAIL = 4;
    static final int AFNOSUPPORT = 5;
    static final int AGAIN = 6;
    static final int ALREADY = 7;
    static final int BADF = 8;
    static final int BADMSG = 9;
    static final int BUSY = 10;
    static final int CANCELED = 11;
    static final int CHILD = 12;
    static final int CONNABORTED = 13;
    static final int CONNREFUSED = 14;
    static final int CONNRESET = 15;
    static final int DEADLK = 16;
    static final int DESTADDRREQ = 17;
    static final int DOM = 18;
    static final int DQUOT = 19;
    static final int EXIST = 20;
    static final int FAULT = 21;
    static final int FBIG = 22;
    static final int HOSTUNREACH = 23;
    static final int IDRM = 24;
    static final int ILSEQ = 25;
    static final int INPROGRESS = 26;
    static final int INTR = 27;
    static final int INVAL = 28;
    static final int IO = 29;
    static final int ISCONN = 30;
    static final int ISDIR = 31;
    static final int LOOP = 32;
    static final int MFILE = 33;
    static final int MLINK = 34;
    static final int MSGSIZE = 35;
    static final int MULTIHOP = 36;
    static final int NAMETOOLONG = 37;
    static final int NETDOWN = 38;
    static final int NETRESET = 39;
    static final int NETUNREACH = 40;
    static final int NFILE = 41;
    static final int NOBUFS = 42;
    static final int NODEV = 43;
    static final int NOENT = 44;
    static final int NOEXEC = 45;
    static final int NOLCK = 46;
    static final int NOLINK = 47;
    static final int NOMEM = 48;
    static final int NOMSG = 49;
    static final int NOPROTOOPT = 50;
    static final int NOSPC = 51;
    static final int NOSYS = 52;
    static final int NOTCONN = 53;
    static final int NOTDIR = 54;
    static final int NOTEMPTY = 55;
    static final int NOTRECOVERABLE = 56;
    static final int NOTSOCK = 57;
    static final int NOTSUP = 58;
    static final int NOTTY = 59;
    static final int NXIO = 60;
    static final int OVERFLOW = 61;
    static final int OWNERDEAD = 62;
    static final int PERM = 63;
    static final int PIPE = 64;
    static final int PROTO = 65;
    static final int PROTONOSUPPORT = 66;
    static final int PROTOTYPE = 67;
    static final int RANGE = 68;
    static final int ROFS = 69;
    static final int SPIPE = 70;
    static final int SRCH = 71;
    static final int STALE = 72;
    static final int TIMEDOUT = 73;
    static final int TXTBSY = 74;
    static final int XDEV = 75;
    static final int NOTCAPABLE = 76;
}
