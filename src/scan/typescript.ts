/**
 * The TypeScript compiler, loaded once for the whole scanner.
 *
 * It is ts-morph's bundled copy (the one `import { ts } from 'ts-morph'` gives), but loaded with
 * `require` from its own file: importing the 9 MB CommonJS bundle from ESM makes Node scan it for named
 * exports (cjs-module-lexer), and going through ts-morph would also load ts-morph and its dependencies,
 * which the scanner never uses. Import `ts` from here, never from 'ts-morph' or 'typescript'.
 *
 * `ts` is a value (the compiler API) merged with a namespace of the compiler's types the scanner names
 * (`ts.Node`, `ts.CallExpression`…); add a type below when a new one is needed.
 */
import { createRequire } from 'node:module';
import type { ts as TypeScript } from 'ts-morph';

const requireFromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));

export const ts: typeof TypeScript = requireFromTsMorph('@ts-morph/common/dist/typescript.js') as typeof TypeScript;

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  export type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>;
  export type BinaryExpression = TypeScript.BinaryExpression;
  export type BindingName = TypeScript.BindingName;
  export type Block = TypeScript.Block;
  export type CallExpression = TypeScript.CallExpression;
  export type CaseOrDefaultClause = TypeScript.CaseOrDefaultClause;
  export type CatchClause = TypeScript.CatchClause;
  export type ClassLikeDeclaration = TypeScript.ClassLikeDeclaration;
  export type ConditionalExpression = TypeScript.ConditionalExpression;
  export type ElementAccessExpression = TypeScript.ElementAccessExpression;
  export type ExportAssignment = TypeScript.ExportAssignment;
  export type ExportDeclaration = TypeScript.ExportDeclaration;
  export type Expression = TypeScript.Expression;
  export type ForInStatement = TypeScript.ForInStatement;
  export type ForOfStatement = TypeScript.ForOfStatement;
  export type ForStatement = TypeScript.ForStatement;
  export type FunctionLikeDeclaration = TypeScript.FunctionLikeDeclaration;
  export type Identifier = TypeScript.Identifier;
  export type IfStatement = TypeScript.IfStatement;
  export type InterfaceDeclaration = TypeScript.InterfaceDeclaration;
  export type JsxAttributeLike = TypeScript.JsxAttributeLike;
  export type JsxAttributeName = TypeScript.JsxAttributeName;
  export type JsxElement = TypeScript.JsxElement;
  export type JsxSelfClosingElement = TypeScript.JsxSelfClosingElement;
  export type MemberName = TypeScript.MemberName;
  export type NewExpression = TypeScript.NewExpression;
  export type Node = TypeScript.Node;
  export type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression;
  export type PropertyAccessExpression = TypeScript.PropertyAccessExpression;
  export type PropertyName = TypeScript.PropertyName;
  export type ReturnStatement = TypeScript.ReturnStatement;
  export type ScriptKind = TypeScript.ScriptKind;
  export type ScriptTarget = TypeScript.ScriptTarget;
  export type SignatureDeclaration = TypeScript.SignatureDeclaration;
  export type SourceFile = TypeScript.SourceFile;
  export type Statement = TypeScript.Statement;
  export type SyntaxKind = TypeScript.SyntaxKind;
  export type TypeAliasDeclaration = TypeScript.TypeAliasDeclaration;
  export type TypeElement = TypeScript.TypeElement;
  export type TypeLiteralNode = TypeScript.TypeLiteralNode;
  export type TypeNode = TypeScript.TypeNode;
  export type VariableStatement = TypeScript.VariableStatement;
}
