#include "app/inputs.h"

#include <algorithm>
#include <filesystem>

#include "app/image.h"
#include "app/npy.h"
#include "app/preprocess.h"
#include "app/run_tensors.h"
#include "app/wav.h"

namespace tfb {

namespace fs = std::filesystem;

Status collect_runs(const AppOptions& opt, std::vector<RunInput>* out) {
  out->clear();
  if (!opt.inputs.empty()) {
    RunInput r;
    r.name = opt.inputs.size() == 1 ? opt.inputs[0] : opt.inputs[0] + " ...";
    r.tensors = opt.inputs;
    out->push_back(std::move(r));
    return OkStatus();
  }
  for (const std::string& path : opt.files) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      std::vector<std::string> files;
      fs::directory_iterator it(path, ec);
      if (ec) return Error(ErrorKind::kBadInput, "cannot list directory %s: %s", path.c_str(), ec.message().c_str());
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return Error(ErrorKind::kBadInput, "cannot list directory %s: %s", path.c_str(), ec.message().c_str());
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || !it->is_regular_file(ec)) continue;
        files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      for (auto& f : files) out->push_back(RunInput{f, {}, f, "", false});
      continue;
    }
    out->push_back(RunInput{path, {}, path, "", false});
  }
  for (size_t i = 0; i < opt.texts.size(); ++i)
    out->push_back(RunInput{"text " + std::to_string(i + 1), {}, "", opt.texts[i], true});
  return OkStatus();
}

InputFiller::InputFiller(const Settings& settings, std::string_view vocab, bool raw)
    : settings_(settings), vocab_(vocab), raw_(raw) {}

Status InputFiller::fill(Interpreter& interp, const RunInput& in, InputFacts* facts) {
  *facts = InputFacts();
  if (!in.tensors.empty()) return fill_tensors(interp, in.tensors, facts);
  if (interp.num_inputs() != 1)
    return Error(ErrorKind::kBadInput,
                 "the model takes %d inputs: give one tensor file per input with --input (in order)", interp.num_inputs());
  if (in.is_text) return fill_text(interp, in.text).prefixed(in.name + ": ");
  std::vector<uint8_t> bytes;
  TFB_RETURN_IF_ERROR(read_input_file(in.path, &bytes));
  return fill_bytes(interp, in.name, bytes, facts).prefixed(in.name + ": ");
}

Status InputFiller::fill_tensors(Interpreter& interp, const std::vector<std::string>& files, InputFacts* facts) {
  if (!raw_) {
    TFB_RETURN_IF_ERROR(set_inputs(interp, files));
    facts->batch = interp.input(0).rank() > 0 ? interp.input(0).dim(0) : 1;
    return OkStatus();
  }
  if (static_cast<int>(files.size()) != interp.num_inputs())
    return Error(ErrorKind::kBadInput, "the model takes %d inputs; %zu --input files were given", interp.num_inputs(),
                 files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    std::vector<uint8_t> bytes;
    TFB_RETURN_IF_ERROR(read_input_file(files[i], &bytes));
    Tensor& t = interp.input(static_cast<int>(i));
    if (bytes.size() != t.required_bytes())
      return Error(ErrorKind::kBadInput, "%s: %zu bytes, but input %zu (%s %s) takes %zu raw bytes", files[i].c_str(),
                   bytes.size(), i, dtype_name(t.type), t.shape.str().c_str(), t.required_bytes());
    std::memcpy(t.data, bytes.data(), bytes.size());
  }
  return OkStatus();
}

Status InputFiller::fill_bytes(Interpreter& interp, const std::string& name, std::span<const uint8_t> bytes,
                               InputFacts* facts) {
  Tensor& t = interp.input(0);
  if (raw_) {
    if (bytes.size() != t.required_bytes())
      return Error(ErrorKind::kBadInput, "%zu bytes, but the input (%s %s) takes %zu raw bytes", bytes.size(),
                   dtype_name(t.type), t.shape.str().c_str(), t.required_bytes());
    std::memcpy(t.data, bytes.data(), bytes.size());
    return OkStatus();
  }
  if (bytes.size() >= 6 && !std::memcmp(bytes.data(), "\x93NUMPY", 6)) {
    std::vector<NpyArray> arrays(1);
    TFB_RETURN_IF_ERROR(parse_npy(bytes, &arrays[0]));
    TFB_RETURN_IF_ERROR(set_input_arrays(interp, arrays, {name}));
    facts->batch = arrays[0].shape.empty() ? 1 : arrays[0].shape[0];
    return OkStatus();
  }
  const std::string kind = settings_.value_or<std::string>(setting::kInputKind, "tensor");
  if (looks_like_wav(bytes)) {
    Audio audio;
    TFB_RETURN_IF_ERROR(decode_wav(bytes, &audio));
    audio = convert_audio_channels(audio, settings_.value_or<int>(setting::kAudioChannels, 1));
    const int rate = settings_.value_or<int>(setting::kAudioRate, 0);
    if (rate > 0) audio = resample(audio, rate);
    return write_audio(audio, t);
  }
  if (looks_like_image(bytes)) {
    Image img;
    TFB_RETURN_IF_ERROR(decode_image(bytes, &img));
    facts->image_width = img.width;
    facts->image_height = img.height;
    ImagePrep prep;
    prep.mean = settings_.value_or<std::vector<float>>(setting::kImageMean, prep.mean);
    prep.std = settings_.value_or<std::vector<float>>(setting::kImageStd, prep.std);
    parse_resize_mode(settings_.value_or<std::string>(setting::kImageResize, "stretch"), &prep.resize);
    return write_image(img, prep, t);
  }
  if (kind == "text") return fill_text(interp, std::string(bytes.begin(), bytes.end()));
  return Error(ErrorKind::kBadInput,
               "not a file this model takes: not .npy, an image (JPEG, PNG, BMP, PGM/PPM) or WAV%s "
               "(--raw reads raw tensor bytes)",
               kind == "text" ? "" : ", and the model has no bundled vocabulary for text");
}

Status InputFiller::fill_text(Interpreter& interp, const std::string& text) {
  if (vocab_.empty()) return Error(ErrorKind::kBadInput, "this model has no bundled vocabulary, so it cannot read text");
  if (!tokenizer_ready_) {
    tokenizer_status_ =
        RegexTokenizer::create(vocab_, settings_.value_or<std::string>(setting::kTextPattern, "[^\\w\\']+"), &tokenizer_);
    tokenizer_ready_ = true;
  }
  TFB_RETURN_IF_ERROR(tokenizer_status_);
  Tensor& t = interp.input(0);
  return write_tokens(tokenizer_.encode(text, static_cast<size_t>(t.count())), t);
}

}  // namespace tfb
