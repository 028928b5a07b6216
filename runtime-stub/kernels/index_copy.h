// The engine behind the data-movement kernels. A dense output of rank n is
// filled from an input by per-dimension maps: output element (o0, ..., on)
// is input element  map0(o0) + ... + mapn(on)  (offsets in elements), or a
// fill value when any map says kFill. Each map is either arithmetic
// (start + o * step, step may be 0 or negative) or an explicit table.
//
// That one form covers slicing, transposes, tiling, padding, mirror padding,
// nearest-neighbour resizing and the depth/space/batch shuffles, since in
// all of them each output coordinate adds its own independent term to the
// input offset. Prepare builds the plan (which merges the trailing
// dimensions that read contiguous memory into one memcpy block); eval only
// calls run().
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "interpreter/status.h"
#include "interpreter/tensor.h"

namespace tfb {

class IndexCopy {
 public:
  static constexpr int64_t kFill = -1;

  // Adds the next output dimension (outermost first).
  void add_strided(int64_t size, int64_t start, int64_t step);
  void add_table(std::vector<int64_t> offsets);  // entries may be kFill

  // Ends the plan for elements of `elem_bytes` bytes.
  void finish(size_t elem_bytes);

  // Writes the whole output. `fill` points to one element's bytes; it may be
  // null when no map uses kFill.
  void run(const uint8_t* in, uint8_t* out, const uint8_t* fill) const;

  int64_t output_count() const;

 private:
  struct Dim {
    int64_t size = 0, start = 0, step = 0;
    std::vector<int64_t> table;  // used when not empty
    int64_t at(int64_t o) const { return table.empty() ? start + o * step : table[o]; }
  };
  void run_dim(int d, int64_t in_off, const uint8_t* in, uint8_t*& out, const uint8_t* fill) const;
  void fill_elems(uint8_t* out, int64_t count, const uint8_t* fill) const;

  // The innermost dimension, when tabled, as runs of consecutive entries
  // that read contiguous input (or are all fill): one memcpy/fill each.
  struct Run {
    int64_t length = 0, offset = 0;  // offset kFill: a run of fill
  };
  std::vector<Run> runs_;

  std::vector<Dim> dims_;
  std::vector<int64_t> sub_count_;  // output elements under one index of dim d
  int64_t base_ = 0;                // constant offset of the merged dimensions
  int64_t block_ = 1;               // contiguous elements copied per innermost step
  size_t elem_ = 1;
  bool empty_ = false;
};

// The dtypes a kernel that only moves bytes runs, as listed in KernelDef.
inline constexpr char kMovableTypes[] = "f32 f16 bf16 f64 i8 u8 i16 u16 i32 u32 i64 u64 bool c64 c128";

// Fails unless elements of `t` have a fixed size that can be moved as bytes.
Status check_movable(const Tensor& t, const char* what);

// Row-major element strides of a shape.
void row_major_strides(const Shape& s, int64_t strides[kMaxRank]);

}  // namespace tfb
