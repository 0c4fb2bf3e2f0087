import { coralPath } from './coral-path.js';
import { converseRequestShape, type Shape, type StructureShape, type UnionShape } from './request-shapes.js';
import type { ConstraintViolation } from './validation-types.js';

export interface ShapeCheck {
  /** The first structural problem (unknown key, wrong JSON type, union with not exactly one member). */
  malformed?: string;
  /** Required members that are missing, in Coral's form. */
  violations: ConstraintViolation[];
}

/** Walks the body once against the service model (Converse unless told otherwise); nothing is copied. */
export function checkRequestShape(body: unknown, shape: StructureShape = converseRequestShape): ShapeCheck {
  const walker = new ShapeWalker();
  walker.visit(body, shape);
  return walker.malformed === undefined
    ? { violations: walker.violations }
    : { malformed: walker.malformed, violations: walker.violations };
}

class ShapeWalker {
  malformed: string | undefined;
  readonly violations: ConstraintViolation[] = [];
  private readonly path: Array<string | number> = [];

  visit(value: unknown, shape: Shape): void {
    if (this.malformed !== undefined) return;
    if (typeof shape === 'string') {
      this.visitPrimitive(value, shape);
    } else if ('list' in shape) {
      if (!Array.isArray(value)) return this.fail('a list');
      for (let index = 0; index < value.length && this.malformed === undefined; index += 1) {
        this.within(index, () => this.visit(value[index], shape.list));
      }
    } else if ('map' in shape) {
      if (!isPlainObject(value)) return this.fail('an object');
      for (const [key, member] of Object.entries(value)) this.within(key, () => this.visit(member, shape.map));
    } else if ('structure' in shape) {
      this.visitStructure(value, shape);
    } else {
      this.visitUnion(value, shape);
    }
  }

  private visitPrimitive(value: unknown, shape: Exclude<Shape, object>): void {
    switch (shape) {
      case 'string':
        if (typeof value !== 'string') this.fail('a string');
        return;
      case 'number':
        if (typeof value !== 'number') this.fail('a number');
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) this.fail('an integer');
        return;
      case 'boolean':
        if (typeof value !== 'boolean') this.fail('a boolean');
        return;
      case 'object':
        if (!isPlainObject(value)) this.fail('an object');
        return;
      case 'document':
        return;
      default: {
        const unexpected: never = shape;
        throw new Error(`unknown shape ${String(unexpected)}`);
      }
    }
  }

  private visitStructure(value: unknown, shape: StructureShape): void {
    if (!isPlainObject(value)) return this.fail('an object');
    for (const key of Object.keys(value)) {
      const member = Object.hasOwn(shape.structure, key) ? shape.structure[key] : undefined;
      if (member === undefined) {
        this.malformed = extraneousKeyMessage(key);
        return;
      }
      const memberValue = value[key];
      if (memberValue !== null) this.within(key, () => this.visit(memberValue, member));
    }
    for (const key of shape.required ?? []) {
      if (value[key] === undefined || value[key] === null) {
        this.violations.push({ path: coralPath([...this.path, key]), constraint: 'Member must not be null', value: null });
      }
    }
  }

  private visitUnion(value: unknown, shape: UnionShape): void {
    if (!isPlainObject(value)) return this.fail('an object');
    const keys = Object.keys(value).filter((key) => value[key] !== null && value[key] !== undefined);
    for (const key of keys) {
      if (!Object.hasOwn(shape.union, key)) {
        this.malformed = extraneousKeyMessage(key);
        return;
      }
    }
    const [only] = keys;
    if (keys.length !== 1 || only === undefined) {
      this.malformed = `Malformed input request: the union at ${this.dottedPath()} must set exactly one member (found ${keys.length}), please reformat your input and try again.`;
      return;
    }
    const member = shape.union[only];
    if (member !== undefined) this.within(only, () => this.visit(value[only], member));
  }

  private within(segment: string | number, action: () => void): void {
    this.path.push(segment);
    action();
    this.path.pop();
  }

  private fail(expected: string): void {
    const where = this.path.length === 0 ? 'the request body' : this.dottedPath();
    this.malformed = `Malformed input request: expected ${expected} at ${where}, please reformat your input and try again.`;
  }

  private dottedPath(): string {
    return this.path.length === 0 ? '(root)' : this.path.join('.');
  }
}

export function extraneousKeyMessage(key: string): string {
  return `Malformed input request: extraneous key [${key}] is not permitted, please reformat your input and try again.`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
