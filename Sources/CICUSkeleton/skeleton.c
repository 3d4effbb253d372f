// The one place crisisplan calls ICU: its spoof checker's confusable skeleton (UTS #39), so
// that "Mark Tayl\u043er" (Cyrillic o) is seen to be Mark Taylor. C rather than Swift because
// ICU renames its functions by version with macros, which Swift cannot call by their names.
#include "CICUSkeleton.h"
#include <unicode/uspoof.h>
#include <pthread.h>

static USpoofChecker *checker = NULL;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void open_checker(void) {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker *opened = uspoof_open(&status);
    if (U_SUCCESS(status)) {
        checker = opened;
    }
}

int32_t crisisplan_confusable_skeleton(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity) {
    pthread_once(&once, open_checker);
    if (checker == NULL) {
        return -1;
    }
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = uspoof_getSkeleton(checker, 0, (const UChar *)text, length, (UChar *)out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        return written;
    }
    return U_SUCCESS(status) ? written : -1;
}
