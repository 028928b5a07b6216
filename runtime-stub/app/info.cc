#include "app/info.h"

#include <cinttypes>
#include <map>
#include <nlohmann/json.hpp>

#include "app/version_text.h"

namespace tfb {

namespace {

using nlohmann::ordered_json;

// Op name -> count over every subgraph.
std::map<std::string, int> op_counts(const Interpreter& interp) {
  std::map<std::string, int> counts;
  for (const auto& sg : interp.model().subgraphs)
    for (const Node& n : sg->nodes) counts[n.kernel ? n.kernel->name : "?"]++;
  return counts;
}

std::string quant_text(const Quant& q) {
  if (q.empty()) return "";
  if (q.per_channel()) return strfmt("  per-channel on axis %d (%zu scales)", q.axis, q.scale.size());
  return strfmt("  scale %g zero_point %d", q.scale0(), q.zp0());
}

ordered_json tensor_json(const Tensor& t, int index) {
  ordered_json j;
  j["index"] = index;
  j["name"] = std::string(t.name);
  j["dtype"] = dtype_name(t.type);
  j["shape"] = std::vector<int32_t>(t.shape.dim, t.shape.dim + t.shape.rank);
  if (t.quant.empty()) {
    j["quantization"] = nullptr;
  } else {
    j["quantization"] = {{"scale", t.quant.scale}, {"zero_point", t.quant.zero_point}, {"axis", t.quant.axis}};
  }
  return j;
}

std::string hash_hex(uint64_t h) { return strfmt("%016" PRIx64, h); }

const char* located_name(embed::Located l) { return l == embed::Located::kSection ? "section" : "trailer-scan"; }

}  // namespace

std::string model_summary(const Interpreter& interp) {
  std::string s;
  s += strfmt("inputs:\n");
  for (int i = 0; i < interp.num_inputs(); ++i) {
    const Tensor& t = interp.input(i);
    s += strfmt("  %d  %s  %s %s%s\n", i, std::string(t.name).c_str(), dtype_name(t.type), t.shape.str().c_str(),
                quant_text(t.quant).c_str());
  }
  s += "outputs:\n";
  for (int i = 0; i < interp.num_outputs(); ++i) {
    const Tensor& t = interp.output(i);
    s += strfmt("  %d  %s  %s %s%s\n", i, std::string(t.name).c_str(), dtype_name(t.type), t.shape.str().c_str(),
                quant_text(t.quant).c_str());
  }
  s += "ops:\n";
  for (const auto& [name, count] : op_counts(interp)) s += strfmt("  %-28s %d\n", name.c_str(), count);
  s += strfmt("memory: %zu bytes of activations and heap tensors\n", interp.memory_bytes());
  return s;
}

std::string info_text(const Interpreter& interp, const embed::PayloadReader& payload) {
  std::string s = model_summary(interp);
  s += "payload:\n";
  for (const embed::EntryInfo& e : payload.entries())
    s += strfmt("  %s  %s  %" PRIu64 " bytes, %s %" PRIu64 " bytes, xxh3 %s\n", e.name.c_str(),
                embed::entry_kind_name(e.kind), e.original_size, embed::codec_name(e.codec), e.stored_size,
                hash_hex(e.hash).c_str());
  s += strfmt("  format %u, made for runtime %s (%s), found by %s\n", payload.format_version(),
              payload.runtime_version().c_str(), payload.target().c_str(), located_name(payload.located()));
  s += "stub: " + version_text() + "\n";
  return s;
}

std::string info_json(const Interpreter& interp, const embed::PayloadReader& payload) {
  ordered_json j;
  j["inputs"] = ordered_json::array();
  for (int i = 0; i < interp.num_inputs(); ++i) j["inputs"].push_back(tensor_json(interp.input(i), i));
  j["outputs"] = ordered_json::array();
  for (int i = 0; i < interp.num_outputs(); ++i) j["outputs"].push_back(tensor_json(interp.output(i), i));
  j["ops"] = ordered_json::object();
  for (const auto& [name, count] : op_counts(interp)) j["ops"][name] = count;
  j["memory_bytes"] = interp.memory_bytes();
  ordered_json p;
  p["format_version"] = payload.format_version();
  p["runtime_version"] = payload.runtime_version();
  p["target"] = payload.target();
  p["located"] = located_name(payload.located());
  p["entries"] = ordered_json::array();
  for (const embed::EntryInfo& e : payload.entries())
    p["entries"].push_back({{"name", e.name},
                            {"kind", embed::entry_kind_name(e.kind)},
                            {"codec", embed::codec_name(e.codec)},
                            {"stored_size", e.stored_size},
                            {"original_size", e.original_size},
                            {"xxh3", hash_hex(e.hash)}});
  j["payload"] = p;
  j["stub"] = {{"version", embed::kRuntimeVersion}, {"target", embed::kTarget}, {"payload_format", embed::format::kVersion}};
  return j.dump(2) + "\n";
}

}  // namespace tfb
