// The bundled app on strangers' machines: every kind of bad input, a file
// system that refuses writes, inputs it may not read, time limits and
// signals. Each failure is one line naming the file and the problem, with
// its documented exit code; no partial output file is ever left.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "e2e_util.h"
#include "support/robust_models.h"

extern char** environ;

namespace tfb::test {
namespace {

using Clock = std::chrono::steady_clock;

// Runs as the unprivileged user `nobody`, so permissions apply although
// the tests run as root (CI does).
std::vector<std::string> as_nobody(std::vector<std::string> argv) {
  argv.insert(argv.begin(), {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
  return argv;
}

bool can_drop_privileges() {
  return run({"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "true"}).code == 0;
}

#define REQUIRE_NOBODY()                                                                              \
  do {                                                                                                \
    if (!can_drop_privileges()) GTEST_SKIP() << "setpriv cannot switch to user nobody here";          \
  } while (0)

// Files under `dir`, recursively, relative; temporaries start with '.'.
std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

bool has_temporaries(const fs::path& dir) {
  for (const auto& f : files_in(dir))
    if (fs::path(f).filename().string()[0] == '.') return true;
  return false;
}

void write_npy(const fs::path& p, const NpyArray& a) { write_file(p, serialize_npy(a.type, a.shape, a.data)); }

NpyArray int32_scalar_array(int32_t v) {
  NpyArray a{DType::kI32, {1}, {}};
  a.data.resize(4);
  std::memcpy(a.data.data(), &v, 4);
  return a;
}

// A process started in the background, for signals and timing.
class Spawned {
 public:
  explicit Spawned(const std::vector<std::string>& argv, const fs::path& dir) {
    out_ = dir / "spawned.out";
    err_ = dir / "spawned.err";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
  }
  ~Spawned() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool started() const { return pid_ > 0; }
  void signal(int sig) { kill(pid_, sig); }
  // Waits up to `seconds`; the outcome, or code -2 on time out.
  Outcome wait(double seconds) {
    Outcome r;
    auto end = Clock::now() + std::chrono::duration<double>(seconds);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) == 0) {
      if (Clock::now() > end) {
        r.code = -2;
        return r;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    waited_ = true;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    auto o = read_file(out_), e = read_file(err_);
    r.out.assign(o.begin(), o.end());
    r.err.assign(e.begin(), e.end());
    return r;
  }

 private:
  pid_t pid_ = -1;
  bool waited_ = false;
  fs::path out_, err_;
};

// Waits until `p` exists (or `seconds` pass).
bool wait_for_file(const fs::path& p, double seconds) {
  auto end = Clock::now() + std::chrono::duration<double>(seconds);
  while (!fs::exists(p)) {
    if (Clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class AppRobustness : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (shared_dir().empty()) return;
    dir_ = new fs::path(temp_dir("app-robust"));
    bundle_or_fail(hello_model(), *dir_ / "hello");
    write_file(*dir_ / "loop.tflite", counting_loop_model());
    bundle_or_fail(*dir_ / "loop.tflite", *dir_ / "loop", {"--no-self-test"});
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override { TFB_REQUIRE_SHARED(); }

  static std::string hello() { return (*dir_ / "hello").string(); }
  static std::string loop() { return (*dir_ / "loop").string(); }
  static fs::path* dir_;
};
fs::path* AppRobustness::dir_ = nullptr;

struct BadInput {
  std::string name;                         // file name under the case's directory
  std::function<void(const fs::path&)> make;  // creates it
  std::vector<std::string> flags;           // how it is given ("--input" or positional)
  int code;
  std::string says;
};

std::vector<uint8_t> bytes_of(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

// A WAV header for `data_bytes` of 16-bit mono audio, with `fmt` fields given.
std::vector<uint8_t> wav_header(uint16_t format, uint16_t channels, uint32_t rate, uint16_t bits, uint32_t data_bytes) {
  std::vector<uint8_t> w;
  auto u32 = [&](uint32_t v) { for (int i = 0; i < 4; ++i) w.push_back(static_cast<uint8_t>(v >> (8 * i))); };
  auto u16 = [&](uint16_t v) { w.push_back(v & 0xff), w.push_back(v >> 8); };
  auto tag = [&](const char* t) { w.insert(w.end(), t, t + 4); };
  tag("RIFF"), u32(36 + data_bytes), tag("WAVE"), tag("fmt "), u32(16), u16(format), u16(channels), u32(rate);
  u32(rate * channels * bits / 8), u16(static_cast<uint16_t>(channels * bits / 8)), u16(bits), tag("data"), u32(data_bytes);
  return w;
}

std::vector<BadInput> bad_inputs() {
  const fs::path png = shared_dir() / "models" / "inputs" / "mnist_sample0.png";
  const fs::path jpg = shared_dir() / "models" / "inputs" / "burger.jpg";
  const fs::path bmp = shared_dir() / "models" / "inputs" / "mnist_nine.bmp";
  auto prefix_of = [](fs::path src, size_t n) {
    return [src, n](const fs::path& p) {
      auto b = read_file(src);
      b.resize(std::min(b.size(), n));
      write_file(p, b);
    };
  };
  auto text = [](std::string s) { return [s](const fs::path& p) { write_file(p, bytes_of(s)); }; };
  auto npy = [](DType t, std::vector<int64_t> shape) {
    return [t, shape](const fs::path& p) { write_npy(p, random_array(t, shape, 1)); };
  };
  auto blob = [](std::vector<uint8_t> b) { return [b](const fs::path& p) { write_file(p, b); }; };
  // A data chunk cut short still gives its whole samples (recorders that
  // were stopped leave such files); one with no sample at all is refused.
  std::vector<uint8_t> short_wav = wav_header(1, 1, 16000, 16, 32000);
  short_wav.resize(short_wav.size() + 1);
  std::vector<uint8_t> npy_short = serialize_npy(DType::kF32, std::vector<int64_t>{1, 1}, std::vector<uint8_t>(4, 0));
  npy_short.resize(npy_short.size() - 2);
  std::vector<uint8_t> npy_huge = bytes_of(std::string("\x93NUMPY\x01\x00", 8));
  std::string hdr = "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }";
  hdr.resize(118, ' ');
  hdr += '\n';
  npy_huge.push_back(static_cast<uint8_t>(hdr.size()));
  npy_huge.push_back(0);
  npy_huge.insert(npy_huge.end(), hdr.begin(), hdr.end());
  const std::vector<std::string> in = {"--input"}, pos = {};
  return {
      {"missing.npy", [](const fs::path&) {}, in, kExitBadInput, "cannot open"},
      {"missing.png", [](const fs::path&) {}, pos, kExitBadInput, "cannot open"},
      {"empty.npy", text(""), in, kExitBadInput, ""},
      {"empty.png", text(""), pos, kExitBadInput, "not a file this model takes"},
      {"a_dir.npy", [](const fs::path& p) { fs::create_directory(p); }, in, kExitBadInput, "not a regular file"},
      {"text.npy", text("hello"), in, kExitBadInput, ".npy"},
      {"random.bin", blob(std::vector<uint8_t>(333, 0x9c)), pos, kExitBadInput, "not a file this model takes"},
      {"int8.npy", npy(DType::kI8, {1, 1}), in, kExitBadInput, "dtype int8"},
      {"shape.npy", npy(DType::kF32, {2, 3}), in, kExitBadInput, "shape [2, 3]"},
      {"rank0.npy", npy(DType::kF32, {}), in, kExitBadInput, "shape []"},
      {"truncated_data.npy", blob(npy_short), in, kExitBadInput, ""},
      {"huge_shape.npy", blob(npy_huge), in, kExitBadInput, ""},
      {"truncated.png", prefix_of(png, 60), pos, kExitBadInput, ""},
      {"header_only.png", prefix_of(png, 8), pos, kExitBadInput, ""},
      {"truncated.jpg", prefix_of(jpg, 200), pos, kExitBadInput, ""},
      {"truncated.bmp", prefix_of(bmp, 40), pos, kExitBadInput, ""},
      {"no_samples.wav", blob(short_wav), pos, kExitBadInput, "no samples"},
      {"zero_channels.wav", blob(wav_header(1, 0, 16000, 16, 0)), pos, kExitBadInput, ""},
      {"float64.wav", blob(wav_header(3, 1, 16000, 64, 0)), pos, kExitBadInput, ""},
      {"zero_rate.wav", blob(wav_header(1, 1, 0, 16, 4)), pos, kExitBadInput, ""},
  };
}

TEST_F(AppRobustness, EveryBadInputIsOneLineWithItsNameAndExitCode) {
  int tried = 0;
  for (const BadInput& c : bad_inputs()) {
    fs::path d = temp_dir("app-robust-bad");
    c.make(d / c.name);
    std::vector<std::string> args = {hello()};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    args.insert(args.end(), {(d / c.name).string(), "--output-dir", (d / "out").string()});
    Outcome r = run(args);
    EXPECT_EQ(r.code, c.code) << c.name << ": " << describe(r);
    EXPECT_TRUE(r.one_line_error()) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.name), std::string::npos) << c.name << " is named: " << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.name << ": " << r.err;
    EXPECT_FALSE(fs::exists(d / "out")) << c.name << ": nothing written";
    ++tried;
  }
  RecordProperty("bad_inputs", tried);
}

TEST_F(AppRobustness, UnreadableFilesAndDirectoriesExitThree) {
  REQUIRE_NOBODY();
  fs::path d = temp_dir("app-robust-perm");
  write_file(d / "secret.npy", read_file(hello_input()));
  fs::permissions(d / "secret.npy", fs::perms::none);
  fs::create_directory(d / "locked");
  write_file(d / "locked" / "x.npy", read_file(hello_input()));
  fs::permissions(d / "locked", fs::perms::owner_all);  // 0700, owned by root
  for (const auto& [args, named] :
       std::vector<std::pair<std::vector<std::string>, std::string>>{{{"--input", (d / "secret.npy").string()}, "secret.npy"},
                                                                     {{(d / "secret.npy").string()}, "secret.npy"},
                                                                     {{(d / "locked").string()}, "locked"},
                                                                     {{(d / "locked" / "x.npy").string()}, "x.npy"}}) {
    std::vector<std::string> argv = {hello()};
    argv.insert(argv.end(), args.begin(), args.end());
    Outcome r = run(as_nobody(argv));
    EXPECT_EQ(r.code, kExitBadInput) << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find(named), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << r.err;
  }
}

TEST_F(AppRobustness, UnwritableOutputDirectoryExitsSevenLeavingNothing) {
  REQUIRE_NOBODY();
  fs::path d = temp_dir("app-robust-ro");
  fs::create_directory(d / "ro");
  fs::permissions(d / "ro", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);  // 0755, owned by root
  for (fs::path out : {d / "ro", d / "ro" / "sub"}) {
    Outcome r = run(as_nobody({hello(), "--input", hello_input().string(), "--output-dir", out.string()}));
    EXPECT_EQ(r.code, kExitOutputWrite) << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find(out.string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << r.err;
  }
  EXPECT_TRUE(files_in(d / "ro").empty());
}

TEST_F(AppRobustness, FileSizeLimitFailsTheWriteCleanly) {
  // Past `ulimit -f` the kernel sends SIGXFSZ, which would kill the app
  // mid-file; the app ignores it, so the write fails, is reported, and the
  // temporary is removed. The limit (1-2 KiB, by the shell's block size)
  // leaves room for the error message but not for the 8 KiB output.
  fs::path d = temp_dir("app-robust-fsize");
  write_file(d / "conv.tflite", big_conv_model(16, 8));
  bundle_or_fail(d / "conv.tflite", d / "conv", {"--no-self-test"});
  write_npy(d / "x.npy", random_array(DType::kF32, {1, 16, 16, 8}, 2));
  fs::create_directory(d / "out");
  write_file(d / "out" / "keep", bytes_of("x"));
  std::string cmd = "ulimit -f 2 && exec " + quote((d / "conv").string()) + " --input " + quote((d / "x.npy").string()) +
                    " --output-dir " + quote((d / "out").string());
  Outcome r = run({"sh", "-c", cmd});
  EXPECT_EQ(r.code, kExitOutputWrite) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("output_0.npy"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  EXPECT_EQ(files_in(d / "out"), std::vector<std::string>{"keep"}) << "no partial or temporary file";
}

TEST_F(AppRobustness, KeepGoingRunsTheRestAndNamesTheFailures) {
  fs::path d = temp_dir("app-robust-keep");
  fs::create_directory(d / "in");
  write_file(d / "in" / "a.npy", read_file(hello_input()));
  write_npy(d / "in" / "b_bad.npy", random_array(DType::kF32, {2, 2}, 1));
  write_file(d / "in" / "c.npy", read_file(hello_input()));
  write_file(d / "in" / "d_bad.png", bytes_of("\x89PNG\r\n\x1a\n broken"));
  write_file(d / "in" / "e.npy", read_file(hello_input()));
  Outcome r = run({hello(), (d / "in").string(), "--keep-going", "--output-dir", (d / "out").string()});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
  EXPECT_NE(r.err.find("b_bad.npy: shape [2, 2]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("d_bad.png"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 of 5 inputs failed: " + (d / "in" / "b_bad.npy").string() + ", " +
                       (d / "in" / "d_bad.png").string()),
            std::string::npos)
      << r.err;
  EXPECT_EQ(files_in(d / "out"), (std::vector<std::string>{"a/output_0.npy", "c/output_0.npy", "e/output_0.npy"}));
  for (const char* ok : {"a", "c", "e"}) EXPECT_EQ(r.out.find(std::string(ok) + ".npy:") == std::string::npos, false) << r.out;

  // Without --keep-going the batch stops at the first failure.
  r = run({hello(), (d / "in").string(), "--output-dir", (d / "out2").string()});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_EQ(files_in(d / "out2"), std::vector<std::string>{"a/output_0.npy"});
}

TEST_F(AppRobustness, TimeoutStopsALongInference) {
  fs::path d = temp_dir("app-robust-timeout");
  write_npy(d / "forever.npy", int32_scalar_array(INT32_MAX));
  auto start = Clock::now();
  Outcome r = run({loop(), "--input", (d / "forever.npy").string(), "--timeout", "0.3", "--max-iterations",
                   "1000000000000", "--output-dir", (d / "out").string()});
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_EQ(r.code, kExitTimeout) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("forever.npy: inference stopped after"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--timeout 0.3"), std::string::npos) << r.err;
  EXPECT_LT(seconds, 5) << "timeout 0.3 s took " << seconds << " s";
  EXPECT_FALSE(fs::exists(d / "out"));

  // The same input with a bounded count finishes, and gives the count.
  write_npy(d / "short.npy", int32_scalar_array(1000));
  r = run({loop(), "--input", (d / "short.npy").string(), "--timeout", "30", "--output-dir", (d / "out").string()});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  NpyArray y = load_npy(d / "out" / "output_0.npy");
  EXPECT_EQ(reinterpret_cast<const int32_t*>(y.data.data())[0], 1000);
}

// Starts a batch whose third input never ends, signals it once the first
// two are written, and checks what is left. Returns seconds from signal to exit.
double signal_mid_batch(const std::string& app, int sig) {
  fs::path d = temp_dir("app-robust-signal");
  fs::create_directory(d / "in");
  write_npy(d / "in" / "a.npy", int32_scalar_array(1000));
  write_npy(d / "in" / "b.npy", int32_scalar_array(2000));
  write_npy(d / "in" / "c_forever.npy", int32_scalar_array(INT32_MAX));
  write_npy(d / "in" / "d.npy", int32_scalar_array(1));
  Spawned p({app, (d / "in").string(), "--max-iterations", "1000000000000", "--output-dir", (d / "out").string()}, d);
  EXPECT_TRUE(p.started());
  EXPECT_TRUE(wait_for_file(d / "out" / "b" / "output_0.npy", 60));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // well into c_forever
  auto sent = Clock::now();
  p.signal(sig);
  Outcome r = p.wait(30);
  double seconds = std::chrono::duration<double>(Clock::now() - sent).count();
  EXPECT_EQ(r.code, kExitCancelled) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("stopped by a signal during " + (d / "in" / "c_forever.npy").string() + " after 2 of 4 inputs"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(files_in(d / "out"), (std::vector<std::string>{"a/output_0.npy", "b/output_0.npy"}));
  EXPECT_EQ(reinterpret_cast<const int32_t*>(load_npy(d / "out" / "b" / "output_0.npy").data.data())[0], 2000);
  return seconds;
}

TEST_F(AppRobustness, SigtermAndSigintStopABatchKeepingFinishedOutputs) {
  for (int sig : {SIGTERM, SIGINT}) {
    double s = signal_mid_batch(loop(), sig);
    EXPECT_LT(s, 1.0) << "signal " << sig << " to exit";
    RecordProperty(sig == SIGTERM ? "sigterm_to_exit_ms" : "sigint_to_exit_ms", static_cast<int>(s * 1000));
    std::printf("signal %d to exit: %.1f ms\n", sig, s * 1000);
  }
}

TEST_F(AppRobustness, AnOpThatDoesNotPollIsCutOffAfterTheGracePeriod) {
  // One BATCH_MATMUL of 69 G multiply-adds (several seconds on one thread,
  // no polling inside), benchmarked on generated inputs: a signal ends the
  // app within the 2 s grace period although the op is still running.
  fs::path d = temp_dir("app-robust-matmul");
  write_file(d / "mm.tflite", big_matmul_model(4096));
  bundle_or_fail(d / "mm.tflite", d / "mm", {"--no-self-test"});
  Spawned p({(d / "mm").string(), "--benchmark", "--runs", "1", "--warmup", "0", "--threads", "1"}, d);
  ASSERT_TRUE(p.started());
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  auto sent = Clock::now();
  p.signal(SIGINT);
  Outcome r = p.wait(120);
  double s = std::chrono::duration<double>(Clock::now() - sent).count();
  EXPECT_EQ(r.code, kExitCancelled) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("stopped by a signal"), std::string::npos) << r.err;
  EXPECT_LT(s, 2.6) << "grace period is 2 s";
  std::printf("signal to exit during one long op: %.1f ms\n", s * 1000);
  RecordProperty("long_op_signal_to_exit_ms", static_cast<int>(s * 1000));
}

TEST_F(AppRobustness, MemoryLimitIsAnExitCodeNamingTheTensor) {
  fs::path d = temp_dir("app-robust-memory");
  write_file(d / "conv.tflite", big_conv_model(400, 112));
  Outcome r = run({bundle_exe().string(), "--model", (d / "conv.tflite").string(), "-o", (d / "app").string(), "--",
                   "--max-memory", "64"});
  EXPECT_EQ(r.code, kExitResource) << describe(r);
  EXPECT_NE(r.err.find("memory limit of 64.0 MiB"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d / "app"));
  bundle_or_fail(d / "conv.tflite", d / "app", {"--no-self-test"});
  r = run({(d / "app").string(), "--benchmark", "--runs", "1", "--max-memory", "64"});
  EXPECT_EQ(r.code, kExitResource) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("tensor 'y' needs 71680000 bytes"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tfb::test
