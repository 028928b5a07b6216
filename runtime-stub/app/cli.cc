#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <cstdio>

#include "app/exit_status.h"
#include "app/image.h"
#include "app/version_text.h"

namespace tfb {

namespace {

// Raw values of the options that feed Settings.
struct SettingFlags {
  int top_k = 0;
  double threshold = 0;
  std::vector<float> mean, std;
  std::string resize, task;
  int channels = 0, sample_rate = 0, label_offset = 0;
};

struct Parser {
  CLI::App app{"Runs the TensorFlow Lite model bundled into this program on images, audio, text or tensors.",
               "app"};
  SettingFlags s;

  explicit Parser(AppOptions* o) {
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.add_option("files", o->files,
                   "inputs: images (JPEG, PNG, BMP, PGM/PPM), WAV audio, text files, .npy tensors, directories "
                   "(their files, as a batch), - for standard input")
        ->type_name("FILE")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("-i,--input", o->inputs, "a tensor file (.npy, or raw bytes with --raw) for each model input, in order")
        ->type_name("FILE")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_option("--text", o->texts, "a text to classify (text models); repeatable")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_flag("--raw", o->raw, "read inputs as raw tensor bytes (dtype and shape from the model)");

    app.add_option("-o,--output-dir", o->output_dir, "also write every output tensor as .npy into DIR")->type_name("DIR");
    app.add_option("--mask-out", o->mask_out, "segmentation: write the class mask as PNG (a directory for several inputs)")
        ->type_name("FILE");
    app.add_flag("--json", o->json, "print one JSON object per input (JSON Lines); with --info, print JSON");
    app.add_flag("-q,--quiet", o->quiet, "print no results (errors still go to stderr)");

    app.add_option("--top-k", s.top_k, "classification: how many classes to print")->check(CLI::Range(1, 100000));
    app.add_option("--threshold", s.threshold, "detection: lowest score printed")->check(CLI::Range(0.0, 1.0));
    app.add_option("--resize", s.resize, "image: how to fit the model's input: stretch, crop, pad")
        ->check(CLI::IsMember({"stretch", "crop", "pad"}));
    app.add_option("--mean", s.mean, "image: normalization (x - mean) / std, one value or one per channel")
        ->delimiter(',')
        ->expected(1, 4);
    app.add_option("--std", s.std, "image: see --mean")->delimiter(',')->expected(1, 4);
    app.add_option("--channels", s.channels, "image: 1 (grayscale) or 3 (RGB)")->check(CLI::IsMember({1, 3}));
    app.add_option("--sample-rate", s.sample_rate, "audio: the model's sample rate in Hz")->check(CLI::Range(100, 1000000));
    app.add_option("--task", s.task, "how to read the outputs: classification, detection, segmentation, values")
        ->check(CLI::IsMember({"classification", "detection", "segmentation", "values"}));
    app.add_option("--labels", o->labels_file, "a label file (one per line) instead of the bundled one")->type_name("FILE");
    app.add_option("--label-offset", s.label_offset, "label of class i is line i + OFFSET")->check(CLI::Range(-1000, 1000));

    app.add_option("--threads", o->threads, "inference threads (default: one per core)")->check(CLI::Range(1, 256));
    app.add_option("--timeout", o->timeout_s, "stop an inference that runs longer than SECONDS")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.001, 1e6));
    app.add_flag("--keep-going", o->keep_going, "after an input fails, report it and go on with the others");
    app.add_option("--max-iterations", o->max_iterations, "upper bound on WHILE loop iterations")
        ->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
    app.add_option("--max-memory", o->max_memory_mib,
                   "refuse models whose tensors and activations need more than MIB mebibytes (default 4096)")
        ->type_name("MIB")
        ->check(CLI::Range(int64_t{1}, int64_t{1} << 24));
    app.add_option("--isa", o->isa, "use at most this instruction set: baseline, avx2, avx512, avx512vnni")
        ->check(CLI::IsMember({"baseline", "avx2", "avx512", "avx512vnni"}));

    app.add_flag("--info", o->info, "print inputs, outputs, ops and payload entries");
    app.add_flag("--explain", o->explain, "print every setting and where it came from");
    app.add_flag("--verify", o->verify, "check every hash of the payload, then exit");
    app.add_flag("--self-test", o->self_test, "rerun the check made at bundle time: does this CPU compute the same answer?");
    app.add_flag("--benchmark", o->benchmark, "time inference (like TFLite's benchmark_model) on the given or generated input");
    app.add_option("--runs", o->runs, "benchmark: timed runs")->check(CLI::Range(1, 10000000));
    app.add_option("--warmup", o->warmup, "benchmark: untimed runs first")->check(CLI::Range(0, 1000000));
    app.add_flag("--version", o->version, "print the runtime version");
    app.footer(
        "Exit codes: 0 ok, 2 usage, 3 bad input, 4 payload error, 5 invalid model, 6 unsupported model,\n"
        "7 output write failure, 8 inference failure, 9 timeout, 10 interrupted, 11 self-test mismatch,\n"
        "12 out of memory (--max-memory) "
        "(docs/EXIT_CODES.md). Settings precedence and JSON output: docs/APP.md.");
  }

  bool given(const char* name) { return app.get_option(name)->count() > 0; }

  // Copies the setting options that were given into `settings`.
  void apply(Settings* settings, Source source) {
    if (given("--top-k")) settings->set(setting::kTopK, s.top_k, source);
    if (given("--threshold")) settings->set(setting::kThreshold, s.threshold, source);
    if (given("--resize")) settings->set(setting::kImageResize, s.resize, source);
    if (given("--mean")) settings->set(setting::kImageMean, s.mean, source);
    if (given("--std")) settings->set(setting::kImageStd, s.std, source);
    if (given("--channels")) settings->set(setting::kImageChannels, s.channels, source);
    if (given("--sample-rate")) settings->set(setting::kAudioRate, s.sample_rate, source);
    if (given("--task")) settings->set(setting::kTask, s.task, source);
    if (given("--label-offset")) settings->set(setting::kLabelOffset, s.label_offset, source);
  }
};

int parse_into(Parser& p, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes a reversed vector
  try {
    p.app.parse(args);
  } catch (const CLI::CallForHelp&) {
    std::fputs(p.app.help().c_str(), stdout);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    return fail(kExitUsage, std::string(e.what()) + " (see --help)");
  }
  return -1;
}

}  // namespace

Status parse_default_args(const std::vector<std::string>& args, AppOptions* out) {
  Parser p(out);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    p.app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    return Error(ErrorKind::kBadInput, "stored app arguments cannot ask for --help");
  } catch (const CLI::ParseError& e) {
    return Error(ErrorKind::kBadInput, "stored app arguments: %s", e.what());
  }
  if (!out->files.empty() || !out->inputs.empty() || !out->texts.empty())
    return Error(ErrorKind::kBadInput, "stored app arguments name inputs; inputs are given when the app runs");
  if (out->info || out->explain || out->verify || out->self_test || out->version || out->benchmark)
    return Error(ErrorKind::kBadInput, "stored app arguments may only set options, not modes such as --info");
  p.apply(&out->settings, Source::kBundleArgs);
  return OkStatus();
}

int parse_cli(const std::vector<std::string>& default_args, int argc, char** argv, AppOptions* out) {
  if (!default_args.empty()) {
    if (Status st = parse_default_args(default_args, out); !st.ok())
      return fail(kExitPayload, st.message() + " (the app was bundled with bad arguments)");
  }
  Parser user(out);
  user.app.name(program_name());
  if (int code = parse_into(user, std::vector<std::string>(argv + 1, argv + argc)); code >= 0) return code;
  user.apply(&out->settings, Source::kFlag);
  if (out->version) {
    std::printf("%s\n", version_text().c_str());
    return kExitOk;
  }
  const bool has_inputs = !out->files.empty() || !out->inputs.empty() || !out->texts.empty();
  if (!out->inputs.empty() && (!out->files.empty() || !out->texts.empty()))
    return fail(kExitUsage, "give either --input tensors or input files, not both");
  const int modes = out->info + out->explain + out->verify + out->self_test;
  if (modes > 1) return fail(kExitUsage, "--info, --explain, --verify and --self-test are separate modes; pick one");
  if (modes == 1 && (has_inputs || out->benchmark))
    return fail(kExitUsage, "--info, --explain, --verify and --self-test take no inputs");
  if (!modes && !has_inputs && !out->benchmark)
    return fail(kExitUsage, "nothing to do: give input files (see --help), --info, --explain, --verify, --self-test or --benchmark");
  return -1;
}

}  // namespace tfb
