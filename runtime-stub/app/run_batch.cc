#include "app/run_batch.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/exit_status.h"
#include "app/run_tensors.h"
#include "app/watchdog.h"
#include "embed/file_util.h"

namespace tfb {

namespace fs = std::filesystem;

namespace {

// A name usable as a file or directory name for one input's outputs.
std::string output_stem(const std::string& input) {
  std::string s = input == "-" ? "stdin" : fs::path(input).stem().string();
  for (char& c : s)
    if (c == '/' || c == '\0') c = '_';
  return s.empty() ? "input" : s;
}

// Reads the answer of one inference the way the settings say.
std::vector<Result> read_results(BatchContext& ctx, const std::string& name, const InputFacts& facts) {
  Interpreter& interp = ctx.interp;
  const std::string task = ctx.settings.value_or<std::string>(setting::kTask, "values");
  std::vector<Result> results;
  if (task == "classification" && interp.num_outputs() >= 1) {
    const Tensor& out = interp.output(0);
    const int64_t rows = facts.batch > 1 && out.count() % facts.batch == 0 ? facts.batch : 1;
    const int64_t per_row = out.count() / rows;
    for (int64_t r = 0; r < rows; ++r) {
      Result res;
      res.input = rows > 1 ? name + "[" + std::to_string(r) + "]" : name;
      Tensor row = {};
      row.type = out.type;
      row.quant = out.quant;
      row.shape = Shape{static_cast<int32_t>(per_row)};
      row.data = const_cast<uint8_t*>(out.data) + r * per_row * static_cast<int64_t>(dtype_size(out.type));
      classify(row, ctx.labels, ctx.settings.value_or<int>(setting::kTopK, 5), &res);
      results.push_back(std::move(res));
    }
    return results;
  }
  Result res;
  res.input = name;
  if (task == "detection" && interp.num_outputs() == 4) {
    auto order = ctx.settings.value_or<std::vector<int>>(setting::kBoxOrder, {1, 0, 3, 2});
    if (order.size() != 4 || *std::max_element(order.begin(), order.end()) > 3 || *std::min_element(order.begin(), order.end()) < 0)
      order = {1, 0, 3, 2};
    detect(interp.output(0), interp.output(1), interp.output(2), interp.output(3), ctx.labels,
           static_cast<float>(ctx.settings.value_or<double>(setting::kThreshold, 0.3)), order, facts.image_width,
           facts.image_height, &res);
  } else if (task == "segmentation" && interp.num_outputs() >= 1 && interp.output(0).rank() == 4) {
    segment(interp.output(0), ctx.labels, facts.image_width, facts.image_height, &res);
  } else {
    std::vector<const Tensor*> outs;
    for (int i = 0; i < interp.num_outputs(); ++i) outs.push_back(&interp.output(i));
    values(outs, &res);
  }
  results.push_back(std::move(res));
  return results;
}

Status write_mask(const Result& r, const std::string& mask_out, bool several) {
  if (mask_out.empty() || r.task != "segmentation") return OkStatus();
  std::string path = mask_out;
  if (several) {
    std::error_code ec;
    fs::create_directories(mask_out, ec);
    path = (fs::path(mask_out) / (output_stem(r.input) + ".png")).string();
  }
  auto png = encode_png(r.mask);
  if (auto e = embed::write_file_atomic(path, png, 0666, false); !e.ok()) return Status(ErrorKind::kIo, e.message);
  return OkStatus();
}

void print_error(BatchContext& ctx, const std::string& name, const Status& st) {
  fail(exit_code_for(st.kind()), st.message());
  if (ctx.options.json && !ctx.options.quiet) {
    nlohmann::json j = {{"input", name}, {"error", st.message()}, {"exit_code", exit_code_for(st.kind())}};
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
  }
}

}  // namespace

int run_batch(BatchContext& ctx, const std::vector<RunInput>& runs) {
  Interpreter& interp = ctx.interp;
  std::vector<Shape> model_shapes;
  for (int i = 0; i < interp.num_inputs(); ++i) model_shapes.push_back(interp.input(i).shape);
  InputFiller filler(ctx.settings, ctx.vocab, ctx.options.raw);
  Watchdog watchdog(&ctx.cancel, ctx.options.timeout_s);
  const bool several = runs.size() > 1;
  int exit_code = kExitOk;
  std::vector<std::string> failed;
  size_t done = 0;

  auto stopped = [&](const std::string& during) {
    fail(kExitCancelled, strfmt("stopped by a signal%s after %zu of %zu input%s; finished outputs are kept",
                                during.c_str(), done, runs.size(), runs.size() == 1 ? "" : "s"));
    return kExitCancelled;
  };
  for (const RunInput& in : runs) {
    if (ctx.cancel.load() == kCancelSignal) return stopped("");
    auto attempt = [&]() -> Status {
      // Each input starts from the model's own shapes and fresh state.
      for (int i = 0; i < interp.num_inputs(); ++i)
        if (interp.input(i).shape != model_shapes[i]) TFB_RETURN_IF_ERROR(interp.resize_input(i, model_shapes[i]));
      interp.reset_variables();
      InputFacts facts;
      TFB_RETURN_IF_ERROR(filler.fill(interp, in, &facts));
      int expired = kCancelTimeout;  // the last input's time limit, not a pending signal
      ctx.cancel.compare_exchange_strong(expired, kNotCancelled);
      watchdog.arm();
      auto start = std::chrono::steady_clock::now();
      Status st = interp.invoke();
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      watchdog.disarm();
      if (st.kind() == ErrorKind::kTimeout)
        return Error(ErrorKind::kTimeout, "%s: inference stopped after %.3g s (--timeout %g)", in.name.c_str(),
                     ms / 1000, ctx.options.timeout_s);
      TFB_RETURN_IF_ERROR(st.prefixed(in.name + ": "));
      // Quiet runs without a mask file read no answers: copying a large output costs time and memory.
      const bool report = !ctx.options.quiet || !ctx.options.mask_out.empty();
      std::vector<Result> results = report ? read_results(ctx, in.name, facts) : std::vector<Result>{};
      for (Result& r : results) {
        r.inference_ms = ms;
        TFB_RETURN_IF_ERROR(write_mask(r, ctx.options.mask_out, several || results.size() > 1));
        if (ctx.options.quiet) continue;
        if (ctx.options.json) std::printf("%s\n", format_json(r).dump().c_str());
        else std::fputs(format_text(r).c_str(), stdout);
      }
      std::fflush(stdout);
      if (!ctx.options.output_dir.empty()) {
        std::string dir = several ? (fs::path(ctx.options.output_dir) / output_stem(in.name)).string() : ctx.options.output_dir;
        TFB_RETURN_IF_ERROR(write_outputs(interp, dir));
      }
      return OkStatus();
    };
    Status st = attempt();
    if (st.kind() == ErrorKind::kCancelled) return stopped(" during " + in.name);
    ++done;
    if (st.ok()) continue;
    print_error(ctx, in.name, st);
    failed.push_back(in.name);
    if (exit_code == kExitOk) exit_code = exit_code_for(st.kind());
    if (!ctx.options.keep_going) return exit_code;
  }
  if (several && !failed.empty()) {
    std::string list;
    for (const auto& f : failed) list += (list.empty() ? "" : ", ") + f;
    fail(exit_code, strfmt("%zu of %zu inputs failed: %s", failed.size(), runs.size(), list.c_str()));
  }
  return exit_code;
}

}  // namespace tfb
