/*
 * A module without WASI: it imports one host function, env.log(pointer, length), and exports
 * greet(n), which logs a greeting n times through the host and returns n * 2.
 */
__attribute__((import_module("env"), import_name("log")))
void log_message(const char *text, int length);

static const char GREETING[] = "Hello from WebAssembly, via a Java host function";

__attribute__((export_name("greet")))
int greet(int n) {
    for (int i = 0; i < n; i++) {
        log_message(GREETING, sizeof GREETING - 1);
    }
    return n * 2;
}
