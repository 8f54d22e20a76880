/**
 * The TypeScript compiler as `ts`, loaded when this module is (see typescript-loader.ts for how): a value
 * (the compiler API) merged with a namespace of the compiler's types the scanner names (`ts.Node`,
 * `ts.CallExpression`…); add a type below when a new one is needed. Import `ts` from here, never from
 * 'ts-morph' or 'typescript'.
 */
import type { ts as TypeScript } from 'ts-morph';
import { typescriptOnce } from './typescript-loader.js';

export const ts: typeof TypeScript = typescriptOnce();

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  export type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>;
  export type BinaryExpression = TypeScript.BinaryExpression;
  export type BindingElement = TypeScript.BindingElement;
  export type BindingName = TypeScript.BindingName;
  export type Block = TypeScript.Block;
  export type CallExpression = TypeScript.CallExpression;
  export type CaseOrDefaultClause = TypeScript.CaseOrDefaultClause;
  export type CatchClause = TypeScript.CatchClause;
  export type DiagnosticWithLocation = TypeScript.DiagnosticWithLocation;
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
  export type ParameterDeclaration = TypeScript.ParameterDeclaration;
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
