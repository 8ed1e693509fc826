"""Interactive, offline graph views of the glossary: conversion to networkx, the views,
layout, styling and the HTML/GraphML/GEXF writers."""
