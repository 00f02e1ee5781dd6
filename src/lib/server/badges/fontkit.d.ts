// fontkit ships no types; only what the badge renderer uses is declared.
declare module 'fontkit' {
	export interface Font {
		postscriptName: string;
		numGlyphs: number;
		hasGlyphForCodePoint(codePoint: number): boolean;
		layout(text: string): unknown;
	}
	export interface FontCollection {
		fonts: Font[];
		getFont(postscriptName: string): Font | null;
	}
	export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
