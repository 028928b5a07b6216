# Every dependency comes from a Debian package (scripts/install-deps.sh).
find_package(Threads REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)
find_package(LibArchive REQUIRED)
find_package(GTest REQUIRED)

find_program(FLATC_EXECUTABLE flatc REQUIRED)
find_path(FLATBUFFERS_INCLUDE_DIR flatbuffers/flatbuffers.h REQUIRED)
find_path(ZSTD_INCLUDE_DIR zstd.h REQUIRED)
find_path(XXHASH_INCLUDE_DIR xxhash.h REQUIRED)
find_path(STB_INCLUDE_DIR stb_image.h PATH_SUFFIXES stb REQUIRED)
# The runtime stub links everything statically (stb is compiled from its headers).
find_library(ZSTD_STATIC_LIBRARY NAMES libzstd.a REQUIRED)


add_library(tfb_deps_headers INTERFACE)
target_include_directories(tfb_deps_headers SYSTEM INTERFACE
  ${FLATBUFFERS_INCLUDE_DIR} ${ZSTD_INCLUDE_DIR} ${XXHASH_INCLUDE_DIR} ${STB_INCLUDE_DIR})
