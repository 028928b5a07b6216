// `bundle`: turns a .tflite model into a self-contained executable, and
// reads such executables back (inspect, verify, extract).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>

#include "app/exit_status.h"
#include "app/version_text.h"
#include "bundler/inspect.h"
#include "bundler/ops_table.h"
#include "bundler/pack.h"
#include "embed/file_util.h"

using namespace tfb;
using namespace tfb::bundler;

namespace {

int run(int argc, char** argv) {
  CLI::App app("Bundles a TensorFlow Lite model into one static Linux executable.", "bundle");
  PackArgs pack_args;
  bool list_ops = false, markdown = false, version = false;
  app.add_option("-m,--model", pack_args.model, "the .tflite model to bundle, or a .zip/.tar.gz/.tar.zst holding one")
      ->type_name("FILE");
  app.add_option("--model-entry", pack_args.model_entry, "the model to take from an archive holding several")
      ->type_name("NAME");
  app.add_option("--labels", pack_args.labels, "class labels, one per line (overrides the model's own)")->type_name("FILE");
  app.add_option("--config", pack_args.config, "app settings as TOML (docs/APP.md)")->type_name("FILE");
  bool no_self_test = false;
  app.add_flag("--no-self-test", no_self_test, "do not run the model at bundle time to store a self-test");
  app.add_option("-o,--output", pack_args.output, "the app to write")->type_name("FILE");
  auto* level = app.add_option("--compression-level", pack_args.level, "zstd level for the model (default 3; 19 is ~1.5% smaller, far slower)")
                    ->check(CLI::Range(1, 22));
  app.add_flag("--store", pack_args.store, "store the model uncompressed (mapped in place at run time)")->excludes(level);
  app.add_flag("--force", pack_args.force, "replace an existing output file");
  auto* ops = app.add_flag("--list-ops", list_ops, "print the supported operators");
  app.add_flag("--markdown", markdown, "with --list-ops: print docs/OPS.md")->needs(ops);
  app.add_flag("--version", version, "print the version");

  std::string target, dir;
  bool extract_force = false;
  auto* inspect = app.add_subcommand("inspect", "list an app's payload entries, sizes, codecs and hashes");
  inspect->add_option("APP", target, "a bundled app")->required();
  auto* verify = app.add_subcommand("verify", "check every hash of an app's payload");
  verify->add_option("APP", target, "a bundled app")->required();
  auto* extract = app.add_subcommand("extract", "write an app's payload entries back out, byte for byte");
  extract->add_option("APP", target, "a bundled app")->required();
  extract->add_option("-o,--output-dir", dir, "directory to write into")->required()->type_name("DIR");
  extract->add_flag("--force", extract_force, "replace existing files");
  app.require_subcommand(0, 1);
  app.allow_extras();  // everything after "--" is stored as default app arguments
  app.footer(
      "Exit codes: 0 ok, 2 usage or refused output path, 3 unreadable input, 4 payload error,\n"
      "5 invalid model, 6 unsupported model, 7 output write failure (docs/EXIT_CODES.md).");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    return fail(kExitUsage, std::string(e.what()) + " (see --help)");
  }
  if (version) {
    std::printf("bundle %s\n", version_text().c_str());
    return kExitOk;
  }
  if (*inspect) return inspect_app(target);
  if (*verify) return verify_app(target);
  if (*extract) return extract_app(target, dir, extract_force);
  if (list_ops) {
    std::fputs((markdown ? ops_table_markdown() : ops_table_text()).c_str(), stdout);
    return kExitOk;
  }
  pack_args.self_test = !no_self_test;
  // Only what follows "--" is stored for the app; anything else left over is
  // a mistyped bundle option.
  char** dashes = std::find_if(argv + 1, argv + argc, [](const char* a) { return std::string(a) == "--"; });
  if (dashes != argv + argc) pack_args.app_args.assign(dashes + 1, argv + argc);
  for (const std::string& extra : app.remaining())
    if (extra != "--" && std::find(pack_args.app_args.begin(), pack_args.app_args.end(), extra) == pack_args.app_args.end())
      return fail(kExitUsage, "unknown argument '" + extra + "' (app arguments go after --; see --help)");
  if (pack_args.model.empty() || pack_args.output.empty())
    return fail(kExitUsage, "give --model FILE and -o OUT (see --help)");
  return pack(pack_args);
}

}  // namespace

int main(int argc, char** argv) {
  set_program_name("bundle");
  embed::remove_pending_files_on_signals();
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    return fail(kExitResource, "out of memory");
  } catch (const std::exception& e) {
    return fail(kExitInternal, std::string("internal error: ") + e.what());
  }
}
