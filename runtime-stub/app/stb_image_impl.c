/* Debian's stb_image and stb_image_write, compiled here with only the
   formats the app reads (JPEG, PNG, BMP, PGM/PPM): a smaller binary, a
   smaller attack surface, and sanitizer/fuzzer instrumentation of the
   decoders in those builds. */
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_ONLY_BMP
#define STBI_ONLY_PNM
#define STBI_NO_STDIO
#define STBI_MAX_DIMENSIONS (1 << 15)
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
