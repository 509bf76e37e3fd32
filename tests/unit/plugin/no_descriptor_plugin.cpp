// A shared object that is not a Skiff plugin: it exports no descriptor.
extern "C" __attribute__((visibility("default"))) int not_a_plugin() { return 42; }
