// What PDFKit 0.20 does for accessibility and @types/pdfkit 0.17 does not declare yet: a structure element's layout
// box (a figure's, for PDF/UA), tagged tables, and the scope of a table's header cells.
declare namespace PDFKit.Mixins {
  interface StructureElementOptions {
    bbox?: [number, number, number, number];
    placement?: 'Block' | 'Inline';
  }
  interface TableOptions {
    structParent?: PDFKit.PDFStructureElement;
  }
  interface CellOptions {
    scope?: 'Row' | 'Column' | 'Both';
  }
}
