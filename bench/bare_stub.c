/* The startup floor: the least a stub must do before running a model, in a
 * static C program with nothing else. It maps a bundled app, hashes the
 * model entry's stored bytes with XXH3 and, for a compressed entry,
 * decompresses it into memory. bench/results.sh times it against the real
 * app on the same payload.
 *   bare_stub APP OFFSET STORED_SIZE [ORIGINAL_SIZE]   (offsets in bytes) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <zstd.h>

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: bare_stub APP OFFSET STORED_SIZE [ORIGINAL_SIZE]\n");
    return 2;
  }
  unsigned long long offset = strtoull(argv[2], NULL, 10), stored = strtoull(argv[3], NULL, 10);
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || offset + stored > (unsigned long long)st.st_size) return 1;
  const unsigned char* file = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (file == MAP_FAILED) return 1;
  XXH64_hash_t hash = XXH3_64bits(file + offset, stored);
  if (argc > 4) {
    size_t original = strtoull(argv[4], NULL, 10);
    void* model = malloc(original);
    if (!model || ZSTD_decompress(model, original, file + offset, stored) != original) return 1;
    free(model);
  }
  printf("%016llx\n", (unsigned long long)hash);
  return 0;
}
