# Per-file instruction-set flags. A source named <name>__<isa>.cc (XNNPACK's
# convention: grep "__avx2" finds every AVX2 kernel) is compiled for that ISA
# level only; everything else targets baseline x86-64, so the stub runs on
# any x86-64 CPU and picks the best kernels at run time (dispatch/).
set(TFB_ISA_FLAGS_avx2 -mavx2 -mfma -mf16c)
set(TFB_ISA_FLAGS_avx512 -mavx2 -mfma -mf16c -mavx512f -mavx512bw -mavx512dq -mavx512vl)
set(TFB_ISA_FLAGS_avx512vnni ${TFB_ISA_FLAGS_avx512} -mavx512vnni)

function(tfb_apply_isa_flags)
  foreach(src ${ARGN})
    if(src MATCHES "__(avx2|avx512|avx512vnni)\\.cc$")
      set_source_files_properties(${src} PROPERTIES COMPILE_OPTIONS "${TFB_ISA_FLAGS_${CMAKE_MATCH_1}}")
    endif()
  endforeach()
endfunction()
