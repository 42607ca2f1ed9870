"""The value of an arithmetic expression a user wrote ("12 * (3 + 4)"), for the answers that work one out: a sum
asked for in words (`tasks`) and the program the code interpreter runs (`behaviour.builtin_tools`).

Why not `eval`: the text is the user's; only numbers, + - * / // % ** and parentheses are read, and a power too
large to answer quickly is refused.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

__all__ = ["value_of"]

_OPERATORS: dict[type, Callable[..., Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def value_of(expression: str) -> float:
    """The expression's value; ValueError when it is not arithmetic with at least one operator, or has no value
    (a division by zero, a power too large)."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as error:
        raise ValueError(f"not arithmetic: {expression!r}") from error
    if not any(isinstance(node, ast.BinOp) for node in ast.walk(tree)):
        raise ValueError(f"a number alone, no operation: {expression!r}")
    try:
        return _evaluate(tree.body)
    except (ZeroDivisionError, OverflowError) as error:
        raise ValueError(f"no value: {expression!r}") from error


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and (abs(right) > 64 or abs(left) > 10**6):
            raise ValueError("too large a power")
        return _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand))
    raise ValueError("not arithmetic")
