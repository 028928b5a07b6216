// libFuzzer target: image decoding and the resize the app applies after it.
#include "fuzz_entry.h"
#include "app/image.h"

int tfb_fuzz_image(const uint8_t* data, size_t size) {
  tfb::Image img;
  if (tfb::decode_image(std::span<const uint8_t>(data, size), &img).ok() &&
      static_cast<int64_t>(img.width) * img.height <= (1 << 20)) {
    (void)tfb::resize_image(img, 17, 9, tfb::ResizeMode::kPad);
    (void)tfb::convert_channels(img, img.channels == 1 ? 3 : 1);
  }
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_image)
