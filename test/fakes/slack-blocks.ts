// Slack's documented limits on a message's shape, checked by the local Slack as Slack checks them: past a limit the
// whole message is refused (`invalid_blocks` with the JSON pointers of what is wrong, `msg_too_long` for the text),
// nothing of it is shown. https://docs.slack.dev/reference/block-kit/blocks and chat.postMessage's reference.
import type { Block } from './slack-server.ts';

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  /** Past it Slack truncates the text; the local Slack refuses it so that a test sees the loss. */
  text: 40_000,
} as const;

export interface ShapeRefusal {
  error: 'invalid_blocks' | 'msg_too_long';
  /** Slack's own wording: `must be less than 3001 characters [json-pointer:/blocks/1/text/text]`. */
  errors: string[];
}

const tooLong = (max: number, pointer: string) =>
  `must be less than ${max + 1} characters [json-pointer:${pointer}]`;
const tooMany = (max: number, pointer: string) =>
  `must be less than ${max + 1} items [json-pointer:${pointer}]`;

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : String((value as { text?: unknown } | undefined)?.text ?? '');
}

/** What Slack would refuse in this message, or undefined when it accepts it. */
export function shapeRefusal(text: string, blocks: readonly Block[]): ShapeRefusal | undefined {
  const errors: string[] = [];
  if (blocks.length > SLACK_LIMITS.blocks) errors.push(tooMany(SLACK_LIMITS.blocks, '/blocks'));
  blocks.forEach((block, i) => {
    const at = `/blocks/${i}`;
    if (block.type === 'header' && textOf(block.text).length > SLACK_LIMITS.headerText) {
      errors.push(tooLong(SLACK_LIMITS.headerText, `${at}/text/text`));
    }
    if (block.type === 'section') {
      if (block.text !== undefined && textOf(block.text).length > SLACK_LIMITS.sectionText) {
        errors.push(tooLong(SLACK_LIMITS.sectionText, `${at}/text/text`));
      }
      const fields = (block.fields ?? []) as unknown[];
      if (fields.length > SLACK_LIMITS.fields) errors.push(tooMany(SLACK_LIMITS.fields, `${at}/fields`));
      fields.forEach((field, j) => {
        if (textOf(field).length > SLACK_LIMITS.fieldText) {
          errors.push(tooLong(SLACK_LIMITS.fieldText, `${at}/fields/${j}/text`));
        }
      });
      if (block.text === undefined && fields.length === 0) {
        errors.push(`must provide either text or fields [json-pointer:${at}]`);
      }
    }
    if (block.type === 'context') {
      const elements = (block.elements ?? []) as unknown[];
      if (elements.length > SLACK_LIMITS.contextElements) {
        errors.push(tooMany(SLACK_LIMITS.contextElements, `${at}/elements`));
      }
      elements.forEach((element, j) => {
        if (textOf(element).length > SLACK_LIMITS.sectionText) {
          errors.push(tooLong(SLACK_LIMITS.sectionText, `${at}/elements/${j}/text`));
        }
      });
    }
    if (block.type === 'actions') {
      const elements = (block.elements ?? []) as Block[];
      if (elements.length > SLACK_LIMITS.actionsElements) {
        errors.push(tooMany(SLACK_LIMITS.actionsElements, `${at}/elements`));
      }
      elements.forEach((element, j) => {
        if (textOf(element.text).length > SLACK_LIMITS.buttonText) {
          errors.push(tooLong(SLACK_LIMITS.buttonText, `${at}/elements/${j}/text/text`));
        }
      });
    }
  });
  if (errors.length > 0) return { error: 'invalid_blocks', errors };
  if (text.length > SLACK_LIMITS.text) return { error: 'msg_too_long', errors: [] };
  return undefined;
}
