// bundle refuses, before writing anything, a model whose ops exist but whose
// dtypes or options the runtime does not implement, listing each problem
// once with how often it occurs.
#include "e2e_util.h"
#include "schema/model_writer.h"

namespace tfb::test {
namespace {

TEST(BundleGate, ListsEveryUnsupportedDtypeOnceWithItsCount) {
  ModelWriter w;
  Quant q16{{1.f / 32768}, {0}, 0};
  int x = w.add_input("x", DType::kI16, {1, 8}, q16);
  int a = w.add_tensor("a", DType::kI16, {1, 8}, q16);
  int b = w.add_tensor("b", DType::kI16, {1, 8}, q16);
  int c = w.add_tensor("c", DType::kF32, {1, 8});
  tflfb::SoftmaxOptionsT softmax;
  softmax.beta = 1.f;
  w.add_op(tflfb::BuiltinOperator_SOFTMAX, {x}, {a}, softmax);  // int16 softmax: not implemented
  w.add_op(tflfb::BuiltinOperator_SOFTMAX, {a}, {b}, softmax);
  w.add_op(tflfb::BuiltinOperator_DEQUANTIZE, {b}, {c});
  w.add_output(c);
  fs::path dir = temp_dir("bundle-gate");
  write_file(dir / "m.tflite", w.finish());
  Outcome r = run({bundle_exe().string(), "--model", (dir / "m.tflite").string(), "-o", (dir / "app").string()});
  EXPECT_EQ(r.code, kExitUnsupportedModel) << describe(r);
  EXPECT_NE(r.err.find("SOFTMAX"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(2 uses)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("op #1"), std::string::npos) << "one line per problem, not per op: " << r.err;
  EXPECT_FALSE(fs::exists(dir / "app"));
}

}  // namespace
}  // namespace tfb::test
