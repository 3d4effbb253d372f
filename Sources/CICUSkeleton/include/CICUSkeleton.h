#ifndef CICU_SKELETON_H
#define CICU_SKELETON_H

#include <stdint.h>

/// Writes the UTS #39 confusable skeleton of `text` (UTF-16, `length` units) to `out`, which
/// holds `capacity` units. Returns the skeleton's length in UTF-16 units (which may exceed
/// `capacity`: call again with a larger buffer), or -1 when ICU reports an error.
int32_t crisisplan_confusable_skeleton(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

#endif
