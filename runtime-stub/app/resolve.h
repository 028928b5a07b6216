// Completes the app's settings from the model itself: what each input takes
// (image, audio, text, tensor), how to normalize it, and what the outputs
// mean (classification, detection, segmentation, values). Runs at bundle
// time (so `bundle inspect` and `--explain` show the result) and again in
// the app for payloads without stored settings.
#pragma once

#include "app/settings.h"
#include "interpreter/interpreter.h"

namespace tfb {

// Sets, at kModel or kDefault precedence, every setting `s` lacks.
// `has_vocab`: a vocabulary entry is bundled (text inputs become possible).
void resolve_settings(Interpreter& interp, bool has_vocab, Settings* s);

// True when the main graph's outputs are those of TFLite_Detection_PostProcess.
bool ends_in_detection_postprocess(const Interpreter& interp);

}  // namespace tfb
