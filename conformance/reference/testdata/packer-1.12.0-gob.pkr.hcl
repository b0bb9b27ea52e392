packer {
  required_plugins {
    t064 = {
      source  = "github.com/packer-wire/t064"
      version = ">= 0.0.1"
    }
  }
}

data "t064" "d" {
  case = 1
  label = "reference"
}
source "t064" "b" {
  str = "reference"
  num = 3
  labels = { a = "x" }
  block {
    name = "blk"
  }
}
source "null" "n" {
  communicator = "none"
}
build {
  sources = ["source.t064.b", "source.null.n"]
  provisioner "t064-tester" {
    command = "echo ${data.t064.d.s}"
  }
  post-processor "t064-tester" {
    destination = "/tmp/ph-ref/out"
  }
}
