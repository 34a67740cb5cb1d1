/*
 * The frames grammar of API.md 5.3.2, with the server's messages verbatim, so the form can say
 * what the server would say while the user types. Numbers may be of any size (BigInt).
 */
const SEGMENT = /^(-?\d+)(?:-(-?\d+)(?:x(\d+))?)?$/;

export const FRAMES_MESSAGES = {
  empty: 'Frame range must be a comma separated list of frames or ranges (e.g. 1-10,20-30x2).',
  notation: 'Frame range must use Deadline notation (e.g. 1-10,20-30x2).',
};

/**
 * Checks a frames value. Returns {ok: true, value, count} with the stored form and the frame count,
 * or {ok: false, message} with the first failure, checked left to right as the server does.
 */
export function checkFrames(raw) {
  const segments = String(raw).split(',').map((s) => s.trim());
  let total = 0n;
  for (const segment of segments) {
    if (segment === '') {
      return { ok: false, message: FRAMES_MESSAGES.empty };
    }
    const match = SEGMENT.exec(segment);
    if (!match) {
      return { ok: false, message: FRAMES_MESSAGES.notation };
    }
    if (match[2] === undefined) {
      total += 1n;
      continue;
    }
    const start = BigInt(match[1]);
    const end = BigInt(match[2]);
    if (end < start) {
      return { ok: false, message: 'Frame range segment \'' + segment
        + '\' must have the end greater than or equal to the start.' };
    }
    if (match[3] !== undefined) {
      const step = BigInt(match[3]);
      if (step <= 0n) {
        return { ok: false, message: 'Frame range segment \'' + segment
          + '\' must use a positive step.' };
      }
      total += (end - start) / step + 1n;
    } else {
      total += end - start + 1n;
    }
  }
  return { ok: true, value: segments.join(','), count: total };
}

/** The frame count of a stored value, or null when it does not parse. */
export function frameCount(value) {
  if (typeof value !== 'string') {
    return null;
  }
  const result = checkFrames(value);
  return result.ok ? result.count : null;
}
