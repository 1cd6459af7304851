// toml++'s implementation, compiled into checklint rather than loaded from
// libtomlplusplus.so at every start (issue #8: start-up; see CMakeLists.txt).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
