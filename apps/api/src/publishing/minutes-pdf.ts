import type PDFKit from 'pdfkit';
import { MinutesView } from './minutes';

const BODY_SIZE = 11;

/**
 * The minutes as a PDF in the shape of the printed ones (seed 002): heading, status, who was
 * present, then each numbered minute. pdfkit's built-in Helvetica: no font files to ship.
 * Tagged (headings, paragraphs, lists, in reading order, in English) so that a screen reader can
 * read and navigate it as it does the minutes' web page.
 */
export function minutesPdf(view: MinutesView, title: string): Promise<Buffer> {
  // pdfkit is loaded when minutes are first printed, not at every start.
  const PDFDocument = require('pdfkit') as typeof PDFKit;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Creator: 'Governance engine' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const minutes = doc.struct('Document');
  doc.addStructure(minutes);
  const tagged = (structType: 'H1' | 'H2' | 'H3' | 'P') => ({ structParent: minutes, structType });
  const heading = (text: string, size = 13) =>
    doc
      .moveDown(0.6)
      .font('Helvetica-Bold')
      .fontSize(size)
      .text(text, tagged('H2'))
      .font('Helvetica')
      .fontSize(BODY_SIZE);
  const paragraph = (text: string) => doc.text(text, tagged('P')).moveDown(0.3);
  const list = (lines: readonly string[]) => {
    if (lines.length === 0) return;
    const items = doc.struct('L');
    minutes.add(items);
    doc.list([...lines], { bulletRadius: 2, textIndent: 10, structParent: items }).moveDown(0.3);
    items.end();
  };

  doc.font('Helvetica-Bold').fontSize(14).text(view.heading, tagged('H1'));
  doc
    .moveDown(0.3)
    .font('Helvetica-Oblique')
    .fontSize(BODY_SIZE)
    .text(view.status, tagged('P'))
    .font('Helvetica');
  for (const correction of view.corrections) doc.moveDown(0.3).text(correction, tagged('P'));
  heading('Present', BODY_SIZE);
  list([...(view.chair ? [`${view.chair} (in the Chair)`] : []), ...view.present]);
  if (view.apologies.length > 0) {
    heading('Apologies', BODY_SIZE);
    paragraph(view.apologies.join(', '));
  }
  if (view.inAttendance.length > 0) {
    heading('In attendance', BODY_SIZE);
    list(view.inAttendance);
  }
  if (view.declarations.length > 0) {
    heading('Declarations of interest', BODY_SIZE);
    list(view.declarations);
  }
  for (const minute of view.minutes) {
    heading(`${minute.number}. ${minute.title}`);
    minute.paragraphs.forEach(paragraph);
    minute.declarations.forEach(paragraph);
    if (minute.discussion.length > 0) {
      paragraph('Arising from discussion, the following points were noted:');
      list(minute.discussion);
    }
    if (minute.outcomeHeading)
      doc.font('Helvetica-Bold').text(minute.outcomeHeading, tagged('H3')).font('Helvetica');
    minute.outcomeLines.forEach(paragraph);
    minute.voteLines.forEach(paragraph);
    list(minute.actionLines);
  }
  if (view.closing) {
    doc.moveDown(1.5).text(view.closing, tagged('P')).moveDown(1);
    doc.font('Helvetica-Bold').text('CHAIRMAN', tagged('P'));
  }
  minutes.end();
  doc.end();
  return done;
}
