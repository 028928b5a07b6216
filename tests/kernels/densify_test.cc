#include "op_test_util.h"

namespace tfb::test {
namespace {

struct SparseLevel {
  bool sparse;
  int dense_size;
  std::vector<int32_t> segments, indices;
};

// A model with one DENSIFY of a sparse float constant; no inputs.
std::vector<uint8_t> densify_model(Shape shape, std::vector<int> traversal, std::vector<int> block_map,
                                   const std::vector<SparseLevel>& levels, const std::vector<float>& values) {
  ModelWriter w;
  int x = w.add_constant("sparse", DType::kF32, {static_cast<int32_t>(values.size())}, values);
  int y = w.add_tensor("dense", DType::kF32, shape);
  w.add_op(tflfb::BuiltinOperator_DENSIFY, {x}, {y});
  w.add_output(y);
  auto bytes = w.finish();
  // Give the constant its dense shape and sparsity parameters.
  auto model = tflfb::UnPackModel(bytes.data());
  auto& t = *model->subgraphs[0]->tensors[x];
  t.shape.assign(shape.dim, shape.dim + shape.rank);
  t.sparsity = std::make_unique<tflfb::SparsityParametersT>();
  t.sparsity->traversal_order = std::move(traversal);
  t.sparsity->block_map = std::move(block_map);
  for (const SparseLevel& l : levels) {
    auto m = std::make_unique<tflfb::DimensionMetadataT>();
    m->format = l.sparse ? tflfb::DimensionType_SPARSE_CSR : tflfb::DimensionType_DENSE;
    m->dense_size = l.dense_size;
    if (l.sparse) {
      tflfb::Int32VectorT seg, idx;
      seg.values = l.segments;
      idx.values = l.indices;
      m->array_segments.Set(std::move(seg));
      m->array_indices.Set(std::move(idx));
    }
    t.sparsity->dim_metadata.push_back(std::move(m));
  }
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflfb::Model::Pack(fbb, model.get()), "TFL3");
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

TEST(Densify, CompressedRows) {
  // [3, 4]: row 0 stores columns 1 and 3, row 1 nothing, row 2 column 0.
  auto model = densify_model({3, 4}, {0, 1}, {}, {{false, 3, {}, {}}, {true, 0, {0, 2, 2, 3}, {1, 3, 0}}}, {1, 2, 3});
  auto out = run_ours(model, {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 1, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0}));
}

TEST(Densify, BlockSparseAndColumnMajorTraversal) {
  // [2, 4] in 1x2 blocks: row 0 keeps block 1, row 1 keeps block 0.
  auto model = densify_model({2, 4}, {0, 1, 2}, {1},
                             {{false, 2, {}, {}}, {true, 0, {0, 1, 2}, {1, 0}}, {false, 2, {}, {}}}, {1, 2, 3, 4});
  auto out = run_ours(model, {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 0, 1, 2, 3, 4, 0, 0}));
  // Dense [2, 3] traversed column by column.
  model = densify_model({2, 3}, {1, 0}, {}, {{false, 3, {}, {}}, {false, 2, {}, {}}}, {1, 2, 3, 4, 5, 6});
  out = run_ours(model, {});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 3, 5, 2, 4, 6}));
}

TEST(Densify, RejectsBadSparseStructure) {
  const std::vector<std::pair<SparseLevel, std::vector<float>>> bad = {
      {{true, 0, {0, 2, 2, 3}, {1, 4, 0}}, {1, 2, 3}},  // column 4 of 4
      {{true, 0, {0, 2, 1, 3}, {1, 3, 0}}, {1, 2, 3}},  // segments go backwards
      {{true, 0, {0, 2, 2, 5}, {1, 3, 0}}, {1, 2, 3}},  // segment past the indices
      {{true, 0, {0, 2, 2}, {1, 3}}, {1, 2}},           // a row without a segment
      {{true, 0, {0, 2, 2, 3}, {1, 3, 0}}, {1, 2}},     // fewer values than positions
  };
  for (const auto& [level, values] : bad) {
    auto model = densify_model({3, 4}, {0, 1}, {}, {{false, 3, {}, {}}, level}, values);
    Status st = run_status(model, {});
    EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  }
}

float half_to_float(uint16_t h) {
  const uint32_t sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  float v = exp == 0    ? std::ldexp(static_cast<float>(mant), -24)
            : exp == 31 ? (mant ? NAN : INFINITY)
                        : std::ldexp(static_cast<float>(mant | 0x400), static_cast<int>(exp) - 25);
  return sign ? -v : v;
}

// The real sparse float16 model: each DENSIFY of ours against the real
// TFLite's densified weights, read out as ADD(zeros, DEQUANTIZE(DENSIFY(w)))
// (the real TFLite folds constant tensors, so they cannot be output directly).
TEST(Densify, MatchesTfliteOnSparseFaceDetector) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  const auto bytes = read_file(shared_dir() / "models" / "face_detection_full_range_sparse_f16.tflite");
  auto pack = [](tflfb::ModelT& m) {
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(tflfb::Model::Pack(fbb, &m), "TFL3");
    return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  };
  auto model = tflfb::UnPackModel(bytes.data());
  const auto& sg = *model->subgraphs[0];
  int checked = 0;
  for (size_t i = 0; i + 1 < sg.operators.size() && checked < 3; ++i) {
    if (model->operator_codes[sg.operators[i]->opcode_index]->builtin_code != tflfb::BuiltinOperator_DENSIFY) continue;
    const int dense = sg.operators[i]->outputs[0];
    ASSERT_EQ(sg.operators[i + 1]->inputs[0], dense);  // followed by its DEQUANTIZE
    const int dequantized = sg.operators[i + 1]->outputs[0];

    // Ours: only the DENSIFY, output float16.
    auto ours_model = tflfb::UnPackModel(bytes.data());
    auto& g = *ours_model->subgraphs[0];
    g.operators.erase(g.operators.begin(), g.operators.begin() + static_cast<long>(i));
    g.operators.resize(1);
    g.inputs.clear();
    g.outputs = {dense};
    auto ours = run_ours(pack(*ours_model), {});
    ASSERT_EQ(ours.size(), 1u);
    ASSERT_EQ(ours[0].type, DType::kF16);

    // Reference: DENSIFY, DEQUANTIZE, then ADD with a zero input.
    auto ref_model = tflfb::UnPackModel(bytes.data());
    auto& r = *ref_model->subgraphs[0];
    r.operators.erase(r.operators.begin(), r.operators.begin() + static_cast<long>(i));
    r.operators.resize(2);
    auto code = std::make_unique<tflfb::OperatorCodeT>();
    code->builtin_code = tflfb::BuiltinOperator_ADD;
    code->version = 1;
    ref_model->operator_codes.push_back(std::move(code));
    const int x = static_cast<int>(r.tensors.size()), y = x + 1;
    for (const char* name : {"zeros", "sum"}) {
      auto t = std::make_unique<tflfb::TensorT>();
      t->name = name;
      t->type = tflfb::TensorType_FLOAT32;
      t->shape = r.tensors[dequantized]->shape;
      r.tensors.push_back(std::move(t));
    }
    auto add = std::make_unique<tflfb::OperatorT>();
    add->opcode_index = static_cast<uint32_t>(ref_model->operator_codes.size() - 1);
    add->inputs = {x, dequantized};
    add->outputs = {y};
    add->builtin_options.Set(tflfb::AddOptionsT{});
    r.operators.push_back(std::move(add));
    r.inputs = {x};
    r.outputs = {y};
    std::vector<int64_t> shape(r.tensors[x]->shape.begin(), r.tensors[x]->shape.end());
    NpyArray zeros{DType::kF32, shape, std::vector<uint8_t>(static_cast<size_t>(ours[0].count()) * 4, 0)};
    std::vector<NpyArray> ref;
    Status st = run_tflite_ref(pack(*ref_model), {zeros}, &ref);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_EQ(ref.size(), 1u);
    ASSERT_EQ(ref[0].count(), ours[0].count());
    const uint16_t* h = reinterpret_cast<const uint16_t*>(ours[0].data.data());
    const float* v = reinterpret_cast<const float*>(ref[0].data.data());
    for (int64_t k = 0; k < ref[0].count(); ++k)
      ASSERT_EQ(half_to_float(h[k]), v[k]) << "tensor " << dense << " element " << k;
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

}  // namespace
}  // namespace tfb::test
