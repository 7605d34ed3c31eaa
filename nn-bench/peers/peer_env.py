"""Imported first by every peer script, before numpy or PyTorch load their native libraries: the
settings nn4j makes for itself (io.github.nn4j.platform), made for the peers' OpenBLAS and OpenMP,
which read them once when they load.

  OMP_WAIT_POLICY=PASSIVE      idle OpenMP threads sleep instead of taking the cores from OpenBLAS;
  OPENBLAS_CORETYPE=SkylakeX   where /proc/cpuinfo lists avx512f, cd, bw, dq and vl;
                   =Haswell    where it lists avx2 and fma; otherwise OpenBLAS's own detection.

NN4J_PEER_ENV=keep in the environment leaves both as they are.
"""
import os

AVX512 = {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}


def _flags():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


if os.environ.get("NN4J_PEER_ENV") != "keep":
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    _cpu = _flags()
    if AVX512 | {"avx2", "fma"} <= _cpu:
        os.environ["OPENBLAS_CORETYPE"] = "SkylakeX"
    elif {"avx2", "fma"} <= _cpu:
        os.environ["OPENBLAS_CORETYPE"] = "Haswell"
    else:
        os.environ.pop("OPENBLAS_CORETYPE", None)
