// The map lives beside SegmentKind, so server renderers (the run sheet PDF) use it too.
export { labelOfSegment, segmentLabel } from '$lib/domain/program/banquet-labels';
