import type PDFKit from 'pdfkit';
import { MinutesView } from './minutes';

const BODY_SIZE = 11;

/**
 * The minutes as a PDF in the shape of the printed ones (seed 002): heading, status, who was
 * present, then each numbered minute. pdfkit's built-in Helvetica: no font files to ship.
 */
export function minutesPdf(view: MinutesView, title: string): Promise<Buffer> {
  // pdfkit is loaded when minutes are first printed, not at every start.
  const PDFDocument = require('pdfkit') as typeof PDFKit;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: title, Creator: 'Governance engine' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string, size = 13) =>
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(BODY_SIZE);
  const paragraph = (text: string) => doc.text(text).moveDown(0.3);
  const list = (lines: readonly string[]) => {
    if (lines.length > 0) doc.list([...lines], { bulletRadius: 2, textIndent: 10 }).moveDown(0.3);
  };

  doc.font('Helvetica-Bold').fontSize(14).text(view.heading);
  doc.moveDown(0.3).font('Helvetica-Oblique').fontSize(BODY_SIZE).text(view.status).font('Helvetica');
  for (const correction of view.corrections) doc.moveDown(0.3).text(correction);
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
    if (minute.outcomeHeading) doc.font('Helvetica-Bold').text(minute.outcomeHeading).font('Helvetica');
    minute.outcomeLines.forEach(paragraph);
    minute.voteLines.forEach(paragraph);
    list(minute.actionLines);
  }
  if (view.closing) {
    doc.moveDown(1.5).text(view.closing).moveDown(1).font('Helvetica-Bold').text('CHAIRMAN');
  }
  doc.end();
  return done;
}
