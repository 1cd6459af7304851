// libzip, loaded when the first .docx is opened instead of at every start: libzip links
// libcrypto, whose relocations alone cost about 5 ms of each run (issue #8, start-up), and
// most runs read no .docx. checklint does not link libzip; these definitions of the zip_*
// functions that linter/document/docx.cpp calls forward to the real ones, found with dlsym.
// A function docx.cpp starts to call must be added here (the link fails until it is).
#include <dlfcn.h>
#include <zip.h>

#include <string>

#include "linter/source/text.h"

namespace {

/// libzip's soname in Debian 12 (libzip4); the unversioned name as a fallback.
constexpr const char* kLibzip = "libzip.so.4";
constexpr const char* kLibzipDev = "libzip.so";

[[noreturn]] void unavailable(const std::string& what) {
  throw checklint::InputError("cannot read a .docx: libzip is not available (" + what + ")",
                              "无法读取 .docx：找不到 libzip（" + what + "）", 0, false);
}

void* library() {
  static void* const handle = [] {
    void* h = dlopen(kLibzip, RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) h = dlopen(kLibzipDev, RTLD_NOW | RTLD_LOCAL);
    return h;
  }();
  if (handle == nullptr) unavailable(kLibzip);
  return handle;
}

/// Calls libzip's own `Fn` (named `name`); `Fn` is the forwarding definition below, whose
/// type is libzip's. The address is looked up once per function.
template <auto& Fn, typename... Args>
auto call(const char* name, Args... args) {
  using Function = std::remove_reference_t<decltype(Fn)>;
  static Function* const real = [name] {
    void* symbol = dlsym(library(), name);
    if (symbol == nullptr) unavailable(name);
    return reinterpret_cast<Function*>(symbol);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast): dlsym's contract
  }();
  return real(args...);
}

}  // namespace

extern "C" {

void zip_error_init(zip_error_t* error) { call<zip_error_init>("zip_error_init", error); }
void zip_error_fini(zip_error_t* error) { call<zip_error_fini>("zip_error_fini", error); }
const char* zip_error_strerror(zip_error_t* error) { return call<zip_error_strerror>("zip_error_strerror", error); }
zip_source_t* zip_source_buffer_create(const void* data, zip_uint64_t len, int freep, zip_error_t* error) {
  return call<zip_source_buffer_create>("zip_source_buffer_create", data, len, freep, error);
}
void zip_source_free(zip_source_t* source) { call<zip_source_free>("zip_source_free", source); }
zip_t* zip_open_from_source(zip_source_t* source, int flags, zip_error_t* error) {
  return call<zip_open_from_source>("zip_open_from_source", source, flags, error);
}
void zip_discard(zip_t* archive) { call<zip_discard>("zip_discard", archive); }
const char* zip_strerror(zip_t* archive) { return call<zip_strerror>("zip_strerror", archive); }
void zip_stat_init(zip_stat_t* st) { call<zip_stat_init>("zip_stat_init", st); }
int zip_stat(zip_t* archive, const char* name, zip_flags_t flags, zip_stat_t* st) {
  return call<zip_stat>("zip_stat", archive, name, flags, st);
}
zip_file_t* zip_fopen(zip_t* archive, const char* name, zip_flags_t flags) { return call<zip_fopen>("zip_fopen", archive, name, flags); }
zip_int64_t zip_fread(zip_file_t* file, void* buffer, zip_uint64_t count) { return call<zip_fread>("zip_fread", file, buffer, count); }
int zip_fclose(zip_file_t* file) { return call<zip_fclose>("zip_fclose", file); }
const char* zip_file_strerror(zip_file_t* file) { return call<zip_file_strerror>("zip_file_strerror", file); }

}  // extern "C"
