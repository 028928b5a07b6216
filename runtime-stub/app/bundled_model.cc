#include "app/bundled_model.h"

#include "embed/version.h"

namespace tfb {

embed::Error open_bundled_payload(const char* argv0, BundledModel* out) {
  if (auto e = embed::PayloadReader::open_self(argv0, &out->payload); !e.ok()) return e;
  return embed::check_runtime(out->payload, embed::kRuntimeVersion, embed::kTarget);
}

embed::Error load_bundled_model(BundledModel* bundled) {
  const embed::EntryInfo* model = bundled->payload.find(embed::EntryKind::kModel);
  if (!model) return {embed::ErrorCode::kBadIndex, "the payload has no model entry"};
  return bundled->payload.read(*model, &bundled->model, &bundled->storage);
}

}  // namespace tfb
