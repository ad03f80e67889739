"""The models a comparison draws on, built on first use."""
import re

from .eyeriss import Eyeriss
from .simba import Simba


class Context:
    def __init__(self, repo, binary_dir, out_dir, log):
        self._args = (repo, binary_dir, out_dir, log)
        self._eyeriss = self._simba = None

    @property
    def eyeriss(self):
        self._eyeriss = self._eyeriss or Eyeriss(*self._args)
        return self._eyeriss

    @property
    def simba(self):
        self._simba = self._simba or Simba(*self._args)
        return self._simba

    def run(self, *args):
        return self.eyeriss.run(*args)

    @staticmethod
    def eyeriss_rows_apply(design):
        return re.fullmatch(r"Eyeriss v1", design) is not None

    @staticmethod
    def simba_rows_apply(design):
        return re.fullmatch(r"Simba \(RC18\)", design) is not None
