#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/exit_status.h"
#include "app/version_text.h"

namespace tfb {

int parse_cli(int argc, char** argv, AppOptions* out) {
  CLI::App app("Runs the TensorFlow Lite model bundled into this program.", program_name());
  bool version = false;
  auto* input = app.add_option("-i,--input", out->inputs, "input tensor as .npy, one per model input, in order")
                    ->type_name("FILE.npy");
  auto* output = app.add_option("-o,--output-dir", out->output_dir, "write output_<i>.npy files into DIR")
                     ->type_name("DIR");
  auto* info = app.add_flag("--info", out->info, "print inputs, outputs, ops and payload entries");
  app.add_flag("--json", out->json, "with --info: print JSON")->needs(info);
  auto* verify = app.add_flag("--verify", out->verify, "check every hash of the payload");
  app.add_flag("--version", version, "print the runtime version");
  app.add_option("--threads", out->threads, "threads for inference (default 1)")->check(CLI::Range(1, 256));
  app.add_option("--benchmark", out->benchmark_runs, "invoke N more times and print the median latency")
      ->type_name("N")
      ->check(CLI::Range(1, 1000000))
      ->needs(input);
  input->needs(output);
  info->excludes(verify)->excludes(input)->excludes(output);
  verify->excludes(input)->excludes(output);
  app.footer(
      "Exit codes: 0 ok, 2 usage, 3 bad input file, 4 payload error, 5 invalid model,\n"
      "6 unsupported model, 7 output write failure, 8 inference failure (docs/EXIT_CODES.md).");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    return fail(kExitUsage, std::string(e.what()) + " (see --help)");
  }
  if (version) {
    std::printf("%s\n", version_text().c_str());
    return kExitOk;
  }
  if (!out->info && !out->verify && out->output_dir.empty())
    return fail(kExitUsage, "nothing to do: give --input FILE.npy... --output-dir DIR, --info or --verify (see --help)");
  return -1;
}

}  // namespace tfb
