# tfb_flatbuffers_header(<target> <schema.fbs> <output dir>): runs flatc at build
# time and exposes the generated <name>_generated.h through <target>.
function(tfb_flatbuffers_header target schema out_dir)
  get_filename_component(name ${schema} NAME_WE)
  set(header ${out_dir}/${name}_generated.h)
  add_custom_command(
    OUTPUT ${header}
    COMMAND ${FLATC_EXECUTABLE} --cpp --gen-object-api -o ${out_dir} ${schema}
    DEPENDS ${schema}
    COMMENT "flatc ${name}.fbs")
  add_custom_target(${target}_gen DEPENDS ${header})
  add_library(${target} INTERFACE)
  add_dependencies(${target} ${target}_gen)
  get_filename_component(include_root ${out_dir} DIRECTORY)
  target_include_directories(${target} INTERFACE ${include_root})
  target_link_libraries(${target} INTERFACE tfb_deps_headers)
endfunction()
