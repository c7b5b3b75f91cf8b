"""Presenting and checking a theme: slide decks (PPTX and in-browser) and the sourced quiz.

Kept light on purpose: the entry page imports quiz_html from here, so nothing in this
package's __init__ may import python-pptx (that happens only in pptx_deck, when decks are built).
"""
