// A PDF read back the way a reader's software reads it (Mozilla's PDF.js): its pages' text, its metadata, and its
// tags (the structure a screen reader follows).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role: string;
  alt?: string;
  children: StructNode[];
}

export interface ReadPdf {
  pages: string[];
  title: string;
  lang: string | undefined;
  marked: boolean;
  /** The structure tree of each page: roles (H1, P, Table, TH, Figure…) and figures' alternative text. */
  structure: StructNode[];
}

interface RawNode {
  role?: string;
  alt?: string;
  children?: RawNode[];
}

function toNode(raw: RawNode): StructNode {
  return {
    role: raw.role ?? '',
    ...(raw.alt ? { alt: raw.alt } : {}),
    children: (raw.children ?? []).filter((c) => c.role !== undefined).map(toNode),
  };
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    const structure: StructNode[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : ''))
          .join('')
          .replace(/[ \t]+/g, ' '),
      );
      const tree = (await page.getStructTree()) as RawNode | null;
      if (tree) structure.push(toNode(tree));
    }
    const { info } = (await pdf.getMetadata()) as { info: { Title?: string; Language?: string } };
    const markInfo = (await pdf.getMarkInfo()) as { Marked?: boolean } | null;
    return {
      pages,
      title: info.Title ?? '',
      lang: info.Language,
      marked: markInfo?.Marked === true,
      structure,
    };
  } finally {
    await pdf.destroy();
  }
}

/** Every node of a structure tree, depth first. */
export function structNodes(nodes: StructNode[]): StructNode[] {
  return nodes.flatMap((n) => [n, ...structNodes(n.children)]);
}
