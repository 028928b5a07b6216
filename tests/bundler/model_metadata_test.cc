#include "bundler/model_metadata.h"
#include "bundler/model_zip.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

ModelMetadata metadata_of(const std::string& model, std::vector<uint8_t>* bytes) {
  *bytes = read_file(shared_dir() / "models" / (model + ".tflite"));
  ModelMetadata md;
  Status st = read_model_metadata(tflfb::GetModel(bytes->data()), &md);
  EXPECT_TRUE(st.ok()) << st.message();
  return md;
}

TEST(ModelMetadata, ImageClassifierNormalizationAndLabels) {
  TFB_REQUIRE_SHARED();
  std::vector<uint8_t> bytes;
  ModelMetadata md = metadata_of("mobilenet_v1_025_224_uint8", &bytes);
  ASSERT_TRUE(md.present);
  ASSERT_EQ(md.inputs.size(), 1u);
  EXPECT_EQ(md.inputs[0].kind, InputMetadata::Kind::kImage);
  EXPECT_EQ(md.inputs[0].color_channels, 3);
  EXPECT_EQ(md.inputs[0].mean, std::vector<float>{127.5f});
  EXPECT_EQ(md.inputs[0].std, std::vector<float>{127.5f});
  ASSERT_EQ(md.outputs.size(), 1u);
  EXPECT_EQ(md.outputs[0].labels_file, "labels.txt");
  std::map<std::string, std::vector<uint8_t>> zip;
  ASSERT_TRUE(read_appended_zip(bytes, &zip).ok());
  ASSERT_TRUE(zip.count("labels.txt"));
  std::string labels(zip["labels.txt"].begin(), zip["labels.txt"].end());
  EXPECT_EQ(labels.substr(0, 17), "background\ntench\n");
}

TEST(ModelMetadata, DetectorAudioAndTextModels) {
  TFB_REQUIRE_SHARED();
  std::vector<uint8_t> bytes;
  ModelMetadata ssd = metadata_of("ssd_mobilenet_v1_coco_uint8", &bytes);
  ASSERT_EQ(ssd.outputs.size(), 4u);
  EXPECT_TRUE(ssd.outputs[0].boxes);
  EXPECT_EQ(ssd.outputs[0].box_index, (std::vector<uint32_t>{1, 0, 3, 2}));
  EXPECT_EQ(ssd.outputs[1].labels_file, "labelmap.txt");
  EXPECT_TRUE(ssd.outputs[1].value_labels);

  ModelMetadata yamnet = metadata_of("yamnet_classifier_mixed", &bytes);
  EXPECT_EQ(yamnet.inputs[0].kind, InputMetadata::Kind::kAudio);
  EXPECT_EQ(yamnet.inputs[0].sample_rate, 16000);
  EXPECT_EQ(yamnet.outputs[0].labels_file, "yamnet_label_list.txt");

  ModelMetadata nl = metadata_of("nl_classifier_float", &bytes);
  EXPECT_EQ(nl.inputs[0].kind, InputMetadata::Kind::kText);
  EXPECT_EQ(nl.inputs[0].delim_regex, "[^\\w\\']+");
  EXPECT_EQ(nl.inputs[0].vocab_file, "vocab.txt");
}

TEST(ModelMetadata, ModelsWithoutMetadataOrZip) {
  TFB_REQUIRE_SHARED();
  std::vector<uint8_t> bytes;
  EXPECT_FALSE(metadata_of("mobilenet_v1_025_224_float", &bytes).present);
  std::map<std::string, std::vector<uint8_t>> zip;
  ASSERT_TRUE(read_appended_zip(bytes, &zip).ok());
  EXPECT_TRUE(zip.empty());
}

TEST(ModelZip, CorruptZipIsAnErrorNotACrash) {
  TFB_REQUIRE_SHARED();
  auto bytes = read_file(shared_dir() / "models/mobilenet_v1_025_224_uint8.tflite");
  std::map<std::string, std::vector<uint8_t>> zip;
  // Damage the stored member's bytes: the CRC check must catch it.
  auto damaged = bytes;
  damaged[damaged.size() - 200] ^= 0xff;
  damaged[damaged.size() - 5000] ^= 0xff;
  (void)read_appended_zip(damaged, &zip);  // either an error or members; never a crash
  auto truncated = std::vector<uint8_t>(bytes.begin(), bytes.end() - 30);
  Status st = read_appended_zip(truncated, &zip);
  EXPECT_TRUE(st.ok() || st.kind() == ErrorKind::kInvalidModel);
}

}  // namespace
}  // namespace tfb::test
