#include "CEngineSupport.h"

/* A claim word: the region's tag in the high 32 bits, then the range's front and its end
   (exclusive), 16 bits each. Every change is one compare-and-swap of the whole word, so a
   claim made for an old tag, or on a range already empty, changes nothing. */

static uint64_t claim_word(uint32_t tag, uint64_t front, uint64_t end) {
    return ((uint64_t)tag << 32) | (front << 16) | end;
}

void engine_claims_open(uint64_t *word, uint32_t tag, long front, long end) {
    __atomic_store_n(word, claim_word(tag, (uint64_t)front, (uint64_t)end), __ATOMIC_RELEASE);
}

/* Takes the range's first piece, or with `from_back` its last; -1 if none is left or the word
   holds another region's tag. */
static long claim(uint64_t *word, uint32_t tag, int from_back) {
    uint64_t current = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    for (;;) {
        uint64_t front = (current >> 16) & 0xffff, end = current & 0xffff;
        if ((uint32_t)(current >> 32) != tag || front >= end) return -1;
        uint64_t claimed = from_back ? claim_word(tag, front, end - 1) : claim_word(tag, front + 1, end);
        if (__atomic_compare_exchange_n(word, &current, claimed, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return (long)(from_back ? end - 1 : front);
    }
}

long engine_claim_front(uint64_t *word, uint32_t tag) { return claim(word, tag, 0); }

long engine_claim_back(uint64_t *word, uint32_t tag) { return claim(word, tag, 1); }
