#include "bundler/model_check.h"

#include <cstdio>
#include <map>

#include "app/exit_status.h"
#include "interpreter/interpreter.h"

namespace tfb::bundler {

int check_model(std::span<const uint8_t> model, const std::string& path, const InterpreterOptions& options,
                std::unique_ptr<Interpreter>* interp) {
  LoadedModel probe;
  std::vector<MissingOp> missing;
  Status st = load_model(model, &probe, &missing, options.max_memory_bytes);
  if (!missing.empty()) {
    std::string report = strfmt("%s uses %zu op%s this runtime does not implement:\n", path.c_str(), missing.size(),
                                missing.size() == 1 ? "" : "s");
    for (const MissingOp& m : missing)
      report += strfmt("  %-40s %d use%s\n", m.name.c_str(), m.count, m.count == 1 ? "" : "s");
    report += "Nothing was written. `bundle --list-ops` lists the supported ops.";
    std::fprintf(stderr, "%s: error: %s\n", program_name().c_str(), report.c_str());
    return exit_code_for(ErrorKind::kUnsupported);
  }
  if (!st.ok()) {
    std::fprintf(stderr, "%s: error: %s is not a valid model: %s\nNothing was written.\n", program_name().c_str(),
                 path.c_str(), st.message().c_str());
    return exit_code_for(st.kind());
  }
  std::vector<std::string> problems;
  InterpreterOptions checked = options;
  checked.unsupported = &problems;
  st = Interpreter::create(model, checked, interp);
  if (!problems.empty()) {
    std::map<std::string, int> counts;
    for (const std::string& p : problems) counts[p]++;
    std::string report = strfmt("%s uses dtypes or options this runtime does not implement:\n", path.c_str());
    for (const auto& [what, count] : counts) report += strfmt("  %s (%d use%s)\n", what.c_str(), count, count == 1 ? "" : "s");
    report += "Nothing was written. `bundle --list-ops` lists the supported ops and dtypes.";
    std::fprintf(stderr, "%s: error: %s\n", program_name().c_str(), report.c_str());
    return exit_code_for(ErrorKind::kUnsupported);
  }
  if (!st.ok()) {
    std::fprintf(stderr, "%s: error: %s cannot run on this runtime: %s\nNothing was written.\n",
                 program_name().c_str(), path.c_str(), st.message().c_str());
    return exit_code_for(st.kind());
  }
  return kExitOk;
}

}  // namespace tfb::bundler
